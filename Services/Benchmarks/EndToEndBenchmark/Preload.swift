import Domain
import Foundation
import GRDB
import GatewayCore
import IntakeCore
import Logging
import Persistence
import PersonalData
import PlatformAdapter
import SLACore

/// Fills the databases of a data folder with `count` orders already stored, before any service
/// starts, so that the cost of an order can be measured against full tables (#18.4):
/// - intake: open orders (assigned and acknowledged) through `HistoricalOrders`, the assessment
///   benchmark's path, sealed with the intake's own key file in that folder;
/// - SLA: one live handling clock per order through `SLAEngine.startClocks`, as the SLA benchmark
///   schedules them, due in 30 days so that none fires during a run;
/// - gateway: one inbox row per order, as an accepted push leaves it (digest kept, body purged).
enum Preload {
    static let batch = 10_000

    static func fill(_ directory: String, count: Int) async throws {
        let started = ContinuousClock.now
        try fillIntake(directory, count: count)
        print("preload: intake \(count) orders in \(seconds(since: started)) s")
        let sla = ContinuousClock.now
        try await fillSLA(directory, count: count)
        print("preload: sla \(count) clocks in \(seconds(since: sla)) s")
        let gateway = ContinuousClock.now
        try fillGateway(directory, count: count)
        print("preload: gateway \(count) inbox rows in \(seconds(since: gateway)) s")
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Int {
        Int((ContinuousClock.now - start).components.seconds)
    }

    static func orderID(_ index: Int) -> String { "PRE-\(index)" }

    private static let units: [(code: String, topic: WorkOrder.Topic)] = [
        ("pension_insurance_center", .pension), ("employment_office", .employment),
        ("unemployment_insurance_center", .unemploymentInsurance), ("work_injury_insurance_center", .workInjury),
        ("employment_training_center", .training), ("labor_inspection_brigade", .laborInspection),
    ]

    private static func fillIntake(_ directory: String, count: Int) throws {
        try FileManager.default.createDirectory(
            atPath: "\(directory)/keys", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let keys = try PersonalDataKeys.load(
            from: .file("\(directory)/keys/intake-personal-data.json"), environment: [:])
        let database = try ServiceDatabase.open(
            directory: directory, name: "intake", migrations: IntakeService.migrations)
        let loader = HistoricalOrders(database: database, personalData: keys)
        let desk = WorkOrder.Actor(id: "desk", role: .bureauDesk)
        let now = Date()
        for first in stride(from: 0, to: count, by: batch) {
            try database.write { db in
                for index in first..<min(count, first + batch) {
                    let unit = units[index % units.count]
                    let dispatched = now.addingTimeInterval(-Double(count - index))
                    var order = try WorkOrder(
                        id: orderID(index),
                        draft: WorkOrderDraft(
                            platformOrderNumber: orderID(index), channel: .hotline12345,
                            receivedAt: dispatched, dispatchedAt: dispatched, urgency: .normal, kind: .complaint,
                            topic: unit.topic, content: "来电人反映相关问题（预置第\(index)单），请核实处理。",
                            address: "三门峡市湖滨区",
                            caller: WorkOrder.Caller(name: "王伟", phone: "138\(String(format: "%08d", index))"),
                            handlingDeadline: now.addingTimeInterval(30 * 86_400)))
                    let liaison = WorkOrder.Actor(id: "liaison", role: .liaison, unitCode: unit.code)
                    let events = [
                        try order.apply(.assign(units: [unit.code], mode: .transfer), by: desk, at: dispatched),
                        try order.apply(.acknowledge, by: liaison, at: dispatched.addingTimeInterval(60)),
                    ]
                    try loader.insert(order, events: events, in: db)
                }
            }
        }
        // Intake derives every projection again at start when none is recorded (an hour at a
        // million orders), which a database that grew in use never does.
        try database.write { db in try loader.recordProjectionRules(in: db) }
        try analyzeAndClose(database)
    }

    /// Statistics for the query planner, as a database that grew in use would have them.
    private static func analyzeAndClose(_ database: DatabasePool) throws {
        try database.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
        try database.close()
    }

    private static func fillSLA(_ directory: String, count: Int) async throws {
        var logger = Logger(label: "suban.e2e-benchmark")
        logger.logLevel = .warning
        let database = try ServiceDatabase.open(directory: directory, name: "sla", migrations: SLAService.migrations)
        let engine = try SLAEngine(database: database, policies: .shippedDefault, logger: logger)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for first in stride(from: 0, to: count, by: batch) {
            let requests = (first..<min(count, first + batch)).map { index in
                ClockStart(
                    id: "\(orderID(index))/handling/1", orderID: orderID(index),
                    unit: units[index % units.count].code, kind: .handling, urgency: .normal, orderKind: .complaint,
                    start: now, due: now + 30 * 86_400_000)
            }
            _ = try await engine.startClocks(requests, now: now)
        }
        try analyzeAndClose(database)
    }

    private static func fillGateway(_ directory: String, count: Int) throws {
        let database = try ServiceDatabase.open(
            directory: directory, name: "gateway", migrations: GatewayService.migrations)
        let now = Date().timeIntervalSince1970
        for first in stride(from: 0, to: count, by: batch) {
            try database.write { db in
                for index in first..<min(count, first + batch) {
                    let number = orderID(index)
                    try db.execute(
                        sql: """
                            INSERT INTO inbox (received_at, source_address, method, path, endpoint, app_key, headers,
                                               body_sha256, body_length, body_purged_at, verification, outcome,
                                               http_status, order_number, order_id)
                            VALUES (?, '127.0.0.1', 'POST', ?, ?, 'e2e-platform', '{}', ?, 600, ?, 'verified',
                                    'accepted', 201, ?, ?)
                            """,
                        arguments: [
                            now - Double(count - index), PlatformAPI.ordersPath, "POST \(PlatformAPI.ordersPath)",
                            PlatformSignature.bodyDigest(Array(number.utf8)), now, number, number,
                        ])
                }
            }
        }
        try analyzeAndClose(database)
    }
}
