import Foundation
import GRDB

/// Reads the services' SQLite files read-only (never through their RPC methods, so the check adds
/// no load to them) to see where each accepted order got: stored in intake (`work_order`), routed
/// (`work_order_unit`), and its acknowledgement clock set in SLA (`sla_clock`, whose `created_ms`
/// is SLA's wall clock when the clock's row was written). Every query finds its rows by an index.
struct PipelineCheck {
    /// Where one order got.
    struct Finding: Sendable {
        var intakeIDs: [String] = []
        var units = 0
        var acknowledgementClocks: [Int64] = []

        var complete: Bool { intakeIDs.count == 1 && units > 0 && !acknowledgementClocks.isEmpty }
    }

    let dataDirectory: String
    private static let chunk = 500

    private func open(_ service: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: "\(dataDirectory)/\(service).sqlite", configuration: configuration)
    }

    /// Intake's order ids by platform order number, for `numbers` (pushed on the 12345 channel).
    func storedOrders(_ numbers: [String]) throws -> [String: [String]] {
        let intake = try open("intake")
        defer { try? intake.close() }
        var stored: [String: [String]] = [:]
        try intake.read { db in
            for start in stride(from: 0, to: numbers.count, by: Self.chunk) {
                let part = Array(numbers[start..<min(numbers.count, start + Self.chunk)])
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT platform_order_number, id FROM work_order
                        WHERE channel = 'hotline_12345' AND platform_order_number IN (\(Self.placeholders(part.count)))
                        """,
                    arguments: StatementArguments(part))
                for row in rows { stored[row[0], default: []].append(row[1]) }
            }
        }
        return stored
    }

    /// Where each order (platform number → the id the gateway answered) got.
    func inspect(_ orders: [(number: String, id: String)]) throws -> [String: Finding] {
        var findings: [String: Finding] = [:]
        for (number, ids) in try storedOrders(orders.map(\.number)) {
            findings[number, default: Finding()].intakeIDs = ids
        }
        let numberByID = Dictionary(orders.map { ($0.id, $0.number) }) { first, _ in first }
        let ids = orders.map(\.id)
        let intake = try open("intake")
        defer { try? intake.close() }
        try intake.read { db in
            for start in stride(from: 0, to: ids.count, by: Self.chunk) {
                let part = Array(ids[start..<min(ids.count, start + Self.chunk)])
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT order_id, count(*) FROM work_order_unit
                        WHERE order_id IN (\(Self.placeholders(part.count))) GROUP BY order_id
                        """,
                    arguments: StatementArguments(part))
                for row in rows {
                    if let number = numberByID[row[0]] { findings[number, default: Finding()].units = row[1] }
                }
            }
        }
        let sla = try open("sla")
        defer { try? sla.close() }
        try sla.read { db in
            for start in stride(from: 0, to: ids.count, by: Self.chunk) {
                let part = Array(ids[start..<min(ids.count, start + Self.chunk)])
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT order_id, created_ms FROM sla_clock
                        WHERE order_id IN (\(Self.placeholders(part.count))) AND kind = 'acknowledge'
                        """,
                    arguments: StatementArguments(part))
                for row in rows {
                    if let number = numberByID[row[0]] {
                        findings[number, default: Finding()].acknowledgementClocks.append(row[1])
                    }
                }
            }
        }
        return findings
    }

    /// Polls until every order is complete or `seconds` pass; returns the findings of all of them.
    func waitForDrain(_ orders: [(number: String, id: String)], seconds: Double) async throws -> (
        findings: [String: Finding], waited: Duration
    ) {
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(Int(seconds * 1000))
        var pending = orders
        while !pending.isEmpty && ContinuousClock.now < deadline {
            let findings = try inspect(pending)
            pending = pending.filter { findings[$0.number]?.complete != true }
            if !pending.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
        let waited = ContinuousClock.now - started
        return (try inspect(orders), waited)
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
