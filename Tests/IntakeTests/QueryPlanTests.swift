import Domain
import Foundation
import GRDB
import Outbox
import Persistence
import PersonalData
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// What every order costs must not grow with the orders already stored: each statement on an
/// order's path, from the platform's push to its close and the outbox that carries its clocks,
/// finds its rows through an index (#18.4).
@Suite("Intake: the statements on an order's path use indexes")
struct QueryPlanTests {
    @Test func noStatementOnAnOrdersPathScansATable() async throws {
        try await IntakeFixture.run { intake in
            let statements = StatementRecorder(recording: intake.desk.store.database)
            for number in ["PLAN-1", "PLAN-2"] {
                let id = try #require(
                    try await intake.submit(IntakeFixture.draft(number: number, urgency: "normal")).order?.id)
                try await intake.handleToClose(id)
            }
            // The clocks of both orders reached SLA through the outbox: its statements ran too.
            _ = await intake.sla.next(10)

            let recorded = statements.recorded
            #expect(recorded.contains { $0.hasPrefix("DELETE FROM work_order_unit") }, "\(recorded)")
            #expect(recorded.contains { $0.hasPrefix("INSERT INTO order_event") }, "\(recorded)")
            let scans = try statements.fullScans(in: intake.desk.store.database)
            #expect(scans.isEmpty, "\(scans.map { "\($0.plan): \($0.sql)" }.joined(separator: "\n"))")
        }
    }

    /// The reads on an order's path (the gateway's and routing's calls resolving an order, an
    /// SLA event checked against the log, the order's page) run on readers, which the recorder
    /// does not reach: the same functions are run here on the writer.
    @Test func noReadOnAnOrdersPathScansATable() async throws {
        try await IntakeFixture.run { intake in
            let id = try #require(
                try await intake.submit(IntakeFixture.draft(number: "PLAN-READ", urgency: "normal")).order?.id)
            let store = intake.desk.store
            let statements = StatementRecorder(recording: store.database)
            try await store.database.writeWithoutTransaction { db in
                _ = try store.order(id: id, in: db)
                _ = try store.order(channel: .hotline12345, number: "PLAN-READ", in: db)
                _ = try OrderStore.events(orderID: id, in: db)
                _ = try OrderStore.event(orderID: id, sequence: 1, in: db)
                // An order's page: its merged orders and probable duplicates.
                _ = try store.reference(of: id, in: db)
                _ = try store.mergedChildReferences(of: id, in: db)
                _ = try store.probableDuplicateOrders(of: id, in: db)
                _ = try intake.desk.earlierResult(of: "clock:PLAN-READ", on: id, in: db)
                // `IntakeHandlers+Records`: a clock event recorded before its marker joined the event's transaction.
                _ = try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM recorded_clock_event WHERE event_id = ?", arguments: ["PLAN-READ"])
            }
            #expect(statements.recorded.count >= 5, "\(statements.recorded)")
            let scans = try statements.fullScans(in: store.database)
            #expect(scans.isEmpty, "\(scans.map { "\($0.plan): \($0.sql)" }.joined(separator: "\n"))")
        }
    }

    /// A parent's reply also answers the orders merged into it (并单), found through their parent:
    /// the merged state alone holds every merged order ever stored, and each reply decoded them all.
    @Test func aRepliesMergedOrdersAreFoundThroughTheirParent() async throws {
        try await IntakeFixture.run { intake in
            var ids: [String: String] = [:]
            for number in ["PARENT", "CHILD", "OTHER", "OTHER-CHILD"] {
                ids[number] = try #require(
                    try await intake.submit(IntakeFixture.draft(number: "PLAN-\(number)")).order?.id)
            }
            let parent = try #require(ids["PARENT"])
            for (child, into) in [("CHILD", parent), ("OTHER-CHILD", try #require(ids["OTHER"]))] {
                try await intake.apply(try #require(ids[child]), "merge", as: "bureau_desk", unit: "office") {
                    $0.parentOrderId = into
                }
            }
            let store = intake.desk.store
            let statements = StatementRecorder(recording: store.database)
            try await intake.handleToClose(parent)

            let reads = statements.recorded.filter { $0.contains("WHERE parent_order_id = ?") }
            #expect(reads.count == 1, "\(statements.recorded)")
            let plans = try statements.plans(in: store.database).filter { reads.contains($0.sql) }
            #expect(plans.allSatisfy { $0.plan.contains { $0.contains("INDEX work_order_parent") } }, "\(plans)")
            let scans = try statements.fullScans(in: store.database)
            #expect(scans.isEmpty, "\(scans.map { "\($0.plan): \($0.sql)" }.joined(separator: "\n"))")
            let replies = try await MergedOrderPlatformTests.platformMessages(intake).filter { $0.kind == "reply" }
            #expect(replies.map(\.platformOrderNumber) == ["PLAN-PARENT", "PLAN-CHILD"])
        }
    }

    /// Orders merged before the parent became a column keep their parent, read from their JSON.
    @Test func ordersMergedBeforeTheColumnKeepTheirParent() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-parent-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let desk = WorkOrder.Actor(id: "desk-1", role: .bureauDesk, unitCode: "office")
        var child = try WorkOrder(
            id: "WO-child",
            draft: PersonalDataAtRestTests.draft(
                number: "N-2", caller: .init(name: "李四", phone: PersonalDataAtRestTests.phone)))
        _ = try child.apply(.merge(into: "WO-parent"), by: desk, at: Date())
        let before = try ServiceDatabase.open(
            directory: directory, name: "intake",
            migrations: Array(IntakeMigrations.all.prefix { $0 != IntakeMigrations.orderParent }))
        try before.write { db in
            try db.execute(
                sql: """
                    INSERT INTO work_order (id, channel, platform_order_number, state, urgency, kind, topic, caller_phone_hash,
                        received_at, body)
                    VALUES ('WO-child', 'hotline_12345', 'N-2', 'merged', 'normal', 'complaint', 'employment', '', 0, ?)
                    """,
                arguments: [String(decoding: try OrderStore.encoder.encode(child), as: UTF8.self)]
            )
        }
        try before.close()
        let database = try ServiceDatabase.open(directory: directory, name: "intake", migrations: IntakeMigrations.all)
        let store = OrderStore(database: database, personalData: .generate())
        let children = try database.read { db in try store.mergedChildren(of: "WO-parent", in: db) }
        #expect(children.map(\.id) == ["WO-child"])
        #expect(
            try database.read { db in try store.mergedChildReferences(of: "WO-parent", in: db) }.map(\.id) == [
                "WO-child"
            ])
        #expect(try database.read { db in try store.mergedChildren(of: "WO-other", in: db) }.isEmpty)
    }

    /// Every start looks for orders to seal again: a seek past those sealed under the current key.
    @Test func sealingAtStartSeeksTheOrdersNotYetSealed() async throws {
        try await IntakeFixture.run { intake in
            let store = intake.desk.store
            _ = try await intake.submit(IntakeFixture.draft(number: "PLAN-SEAL", urgency: "normal"))
            let statements = StatementRecorder(recording: store.database)
            #expect(try store.sealRemaining() == 0)
            #expect(statements.recorded.contains { $0.contains("work_order_sealed_with") }, "\(statements.recorded)")
            let scans = try statements.fullScans(in: store.database)
            #expect(scans.isEmpty, "\(scans.map { "\($0.plan): \($0.sql)" }.joined(separator: "\n"))")
        }
    }

    /// The stuck-order watch reads in the writer's transaction, at start and every 30 s. With the
    /// statistics of a million stored orders (all in one state, `received_at` unique) its reads
    /// must still seek the few `received` orders through `work_order_state`: the planner chose
    /// `work_order_received` and walked every order, holding the writer for about a second.
    @Test func theStuckOrderWatchSeeksTheReceivedOrdersWhateverTheStatistics() async throws {
        try await IntakeFixture.run { intake in
            _ = try await intake.submit(IntakeFixture.draft(number: "PLAN-STUCK", urgency: "normal"))
            let store = intake.desk.store
            let statements = StatementRecorder(recording: store.database)
            let watch = StuckOrderWatch(
                desk: intake.desk, threshold: 300, interval: .seconds(30), clock: WallClock(), logger: .quiet)
            try watch.backfillRouteSteps()
            try watch.check()
            let reads = statements.recorded.filter { $0.contains("FROM work_order") && $0.contains("'received'") }
            #expect(reads.count == 3, "\(statements.recorded)")
            try await store.database.writeWithoutTransaction { db in
                try db.execute(sql: "ANALYZE")
                try db.execute(
                    sql: """
                        DELETE FROM sqlite_stat1 WHERE tbl = 'work_order';
                        INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
                            ('work_order', 'work_order_state', '1000000 1000000'),
                            ('work_order', 'work_order_received', '1000000 1');
                        ANALYZE sqlite_schema;
                        """)
                let planned = try statements.plans(on: db).filter { reads.contains($0.sql) }
                #expect(planned.count == reads.count)
                for (sql, plan) in planned {
                    #expect(plan.contains { $0.contains("INDEX work_order_state") }, "\(sql): \(plan)")
                }
            }
        }
    }
}
