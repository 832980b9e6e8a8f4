import Foundation
import GRDB
import Persistence
import ServiceDirectory
import ServiceKit
import TestSupport
import Testing

@testable import RoutingCore

/// Routing reads no table that grows with orders (#18.4): each route call reads the whole unit
/// directory, the rules and the key enterprises (`RoutingStore.snapshot`), which are scans, but
/// of the bureau's configuration, a few dozen rows whatever the number of orders.
@Suite("Routing: the statements of a route call")
struct QueryPlanTests {
    /// The tables a route call may read whole: configuration, edited by an administrator.
    static let configurationTables: Set<String> = ["unit", "routing_rule", "key_enterprise"]

    @Test func aRouteCallScansOnlyTheConfiguration() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-routing-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try ServiceDatabase.open(
            directory: directory, name: "routing", migrations: RoutingService.migrations)
        defer { try? database.close() }
        _ = try RoutingService.router(database: database, gate: TestIdentity.service(.routing).gate, logger: .quiet)
        let statements = StatementRecorder(recording: database)
        // `snapshot()` reads on a reader, which the recorder does not reach: the same reads on the writer.
        try await database.writeWithoutTransaction { db in
            let directory = try RoutingStore.directory(db)
            _ = try RoutingStore.rules(db, directory: directory)
            _ = try RoutingStore.enterprises(db)
        }
        #expect(statements.recorded.count >= 3, "\(statements.recorded)")
        let scans = try statements.fullScans(in: database)
        let scanned = Set(scans.compactMap { Self.table(inPlan: $0.plan) })
        #expect(!scanned.isEmpty, "the snapshot reads the whole directory: its scans are expected here")
        #expect(
            scanned.isSubset(of: Self.configurationTables),
            "\(scans.map { "\($0.plan): \($0.sql)" }.joined(separator: "\n"))")
    }

    /// `unit` of `SCAN unit USING INDEX …`.
    static func table(inPlan plan: String) -> String? {
        plan.split(separator: " ").dropFirst().first.map(String.init)
    }
}
