import Domain
import Foundation
import GRDB
import Persistence
import PersonalData
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// A caller's name, phone and ID number never reach the intake's files in clear; the phone is
/// still found; older keys and records from before sealing are sealed again at start.
@Suite("Intake: callers' personal data at rest")
struct PersonalDataAtRestTests {
    static let phone = "13912348765"
    static let idNumber = "11010519491231002X"

    /// Every byte of the database's files, after the journal is folded in.
    static func fileBytes(_ database: DatabasePool) throws -> Data {
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        var bytes = Data()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: database.path + suffix) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: database.path + suffix))
        }
        return bytes
    }

    @Test func theCallerIsSealedOnDiskAndTheirPhoneStillFindsTheOrder() async throws {
        try await IntakeFixture.run { intake in
            var draft = IntakeFixture.draft(phone: Self.phone)
            draft.caller = Wire.Caller(name: "王小明", phone: Self.phone, idNumber: Self.idNumber)
            let order = try #require(try await intake.submit(draft).order)

            let files = try Self.fileBytes(intake.desk.store.database)
            for secret in [Self.phone, "王小明", Self.idNumber] {
                #expect(files.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database's files in clear")
            }
            let found = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(text: Self.phone), as: Wire.ListOrdersResponse.self)
            #expect(found.orders.map(\.id) == [order.id])
            let other = try await intake.client.call(
                "intake.list", Wire.ListOrdersRequest(text: "13912348766"), as: Wire.ListOrdersResponse.self)
            #expect(other.orders.isEmpty)
            // Read back in clear by the store that holds the key.
            let stored = try #require(try intake.desk.store.order(id: order.id))
            #expect(stored.caller == WorkOrder.Caller(name: "王小明", phone: Self.phone, idNumber: Self.idNumber))
        }
    }

    @Test func recordsUnderAnOlderKeyOrInClearAreSealedAgainUnderTheCurrentKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-sealing-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try ServiceDatabase.open(directory: directory, name: "intake", migrations: IntakeMigrations.all)
        let first = PersonalDataKeys.generate()
        let caller = WorkOrder.Caller(name: "李四", phone: Self.phone, idNumber: Self.idNumber)
        let sealedOrder = try WorkOrder(id: "WO-sealed", draft: Self.draft(number: "N-1", caller: caller))
        let clearOrder = try WorkOrder(id: "WO-clear", draft: Self.draft(number: "N-2", caller: caller))
        try database.write { db in
            try OrderStore(database: database, personalData: first).insert(sealedOrder, in: db)
            // As a version before sealing wrote it: the caller in clear, the phone in its column.
            try db.execute(
                sql: """
                    INSERT INTO work_order (id, channel, platform_order_number, state, urgency, kind, topic, caller_phone_hash,
                        received_at, body)
                    VALUES ('WO-clear', 'hotline_12345', 'N-2', 'received', 'normal', 'complaint', 'employment', ?, 0, ?)
                    """,
                arguments: [Self.phone, String(decoding: try OrderStore.encoder.encode(clearOrder), as: UTF8.self)]
            )
        }
        let rotated = OrderStore(database: database, personalData: first.rotated())
        #expect(try rotated.sealRemaining() == 2)
        #expect(try rotated.sealRemaining() == 0, "sealing is done once")
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, sealed_with, caller_phone_hash, body FROM work_order ORDER BY id")
        }
        for row in rows {
            #expect(row["sealed_with"] as String == "k2")
            #expect(row["caller_phone_hash"] as String == first.keyedHash(Self.phone))
            #expect(!(row["body"] as String).contains(Self.phone))
            #expect(try rotated.order(id: row["id"])?.caller == caller)
        }
        // Without the ring's key the record does not open, and says which order and field.
        let error = #expect(throws: PersonalDataUnreadable.self) {
            try OrderStore(database: database, personalData: .generate()).order(id: "WO-sealed")
        }
        #expect(error?.description.contains("order WO-sealed: caller.name") == true)
    }

    @Test func callersOfOrdersClosedLongerThanTheRetentionPeriodAreErasedByAnAdministrator() async throws {
        try await IntakeFixture.run { intake in
            let store = intake.desk.store
            let caller = WorkOrder.Caller(name: "李四", phone: Self.phone, idNumber: Self.idNumber)
            // Closed 400 days ago, closed 10 days ago, and still open 400 days on.
            let orders: [(String, WorkOrder.State, TimeInterval)] = [
                ("WO-old", .closed, 400), ("WO-recent", .closed, 10), ("WO-open", .inProgress, 400),
            ]
            try Self.store(orders, caller: caller, in: store)
            let admin = WorkOrder.Actor(id: "admin-1", role: .administrator)
            let desk = WorkOrder.Actor(id: "desk-1", role: .bureauDesk, unitCode: "office")
            let refused = await #expect(throws: RPCError.self) {
                try await intake.client.call(
                    "intake.anonymise_callers", Wire.AnonymiseCallersRequest(retentionDays: 365),
                    as: Wire.AnonymiseCallersResponse.self,
                    headers: TestIdentity.headers(for: desk))
            }
            #expect(refused?.code == .permissionDenied)
            let tooShort = await #expect(throws: RPCError.self) {
                try await intake.client.call(
                    "intake.anonymise_callers", Wire.AnonymiseCallersRequest(retentionDays: 7),
                    as: Wire.AnonymiseCallersResponse.self,
                    headers: TestIdentity.headers(for: admin))
            }
            #expect(tooShort?.code == .invalidArgument)
            #expect(try store.order(id: "WO-old")?.caller == caller, "a refused call changes nothing")

            let response = try await intake.client.call(
                "intake.anonymise_callers", Wire.AnonymiseCallersRequest(retentionDays: 365),
                as: Wire.AnonymiseCallersResponse.self,
                headers: TestIdentity.headers(for: admin))
            #expect(response.anonymised == 1)
            #expect(try store.order(id: "WO-old")?.caller == WorkOrder.Caller(name: "", phone: "", idNumber: nil))
            #expect(try store.order(id: "WO-recent")?.caller == caller)
            #expect(try store.order(id: "WO-open")?.caller == caller)
            #expect(try Self.anonymisedInTheEditLog(store) == ["WO-old"])
            let again = try await intake.client.call(
                "intake.anonymise_callers", Wire.AnonymiseCallersRequest(retentionDays: 365),
                as: Wire.AnonymiseCallersResponse.self,
                headers: TestIdentity.headers(for: admin))
            #expect(again.anonymised == 0, "an order is anonymised once")
        }
    }

    /// Orders in `state` whose one (last) step is `age` days old.
    static func store(
        _ orders: [(String, WorkOrder.State, TimeInterval)], caller: WorkOrder.Caller, in store: OrderStore
    ) throws {
        try store.database.write { db in
            for (id, state, age) in orders {
                try store.insert(try WorkOrder(id: id, draft: draft(number: id, caller: caller)), in: db)
                // The state column is what the anonymisation selects by.
                try db.execute(sql: "UPDATE work_order SET state = ? WHERE id = ?", arguments: [state.rawValue, id])
                let event = WorkOrderEvent(
                    sequence: 1, orderID: id, actor: .init(id: "desk-1", role: .bureauDesk),
                    timestamp: Date().addingTimeInterval(-age * 86_400),
                    from: .awaitingCallback, to: state, action: .close, cycle: 1)
                try db.execute(
                    sql: "INSERT INTO order_event (order_id, sequence, body) VALUES (?, 1, ?)",
                    arguments: [id, String(decoding: try OrderStore.encoder.encode(event), as: UTF8.self)])
            }
        }
    }

    static func anonymisedInTheEditLog(_ store: OrderStore) throws -> [String] {
        try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT subject FROM edit_event WHERE action = 'caller_anonymised'")
        }
    }

    static func draft(number: String, caller: WorkOrder.Caller) -> WorkOrderDraft {
        WorkOrderDraft(
            platformOrderNumber: number, channel: .hotline12345, receivedAt: Date(timeIntervalSince1970: 0),
            dispatchedAt: Date(timeIntervalSince1970: 0), urgency: .normal, kind: .complaint, topic: .employment,
            content: "拖欠工资", caller: caller
        )
    }
}
