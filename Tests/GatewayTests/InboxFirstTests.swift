import Foundation
import GRDB
import PlatformAdapter
import TestSupport
import Testing

@testable import GatewayCore

/// The inbox keeps a request before intake hears of it, so that a gateway killed while intake
/// works still has the record; and a gateway that cannot keep the record forwards nothing.
@Suite("Inbox first")
struct InboxFirstTests {
    @Test func theInboxRowIsWrittenBeforeTheOrderGoesToIntake() async throws {
        try await GatewayFixture.run { gateway in
            let reached = Gate()
            let release = Gate()
            gateway.intake.injectFault(.holdAfterStoring(reached: reached, release: release))
            async let answer = gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("FIRST-1"))
            await reached.wait()
            // Intake has the order and has not answered: the inbox already says where it went.
            let during = try gateway.inboxRows()
            release.open()
            #expect(during.map(\.outcome) == ["forwarding"])
            #expect(during.first?.orderNumber == "FIRST-1")
            #expect(during.first?.verification == "verified")
            let (status, json) = try await answer
            #expect(status == 201)
            let after = try gateway.inboxRows()
            #expect(after.map(\.outcome) == ["accepted"])
            #expect(after.first?.status == 201)
            #expect(after.first?.orderID == json["order_id"]?.stringValue)
        }
    }

    @Test func theInboxRowOfAnEventIsWrittenBeforeTheEventGoesToIntake() async throws {
        try await GatewayFixture.run { gateway in
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("FIRST-E"))
            let reached = Gate()
            let release = Gate()
            gateway.intake.injectFault(.holdAfterStoring(reached: reached, release: release))
            let event: JSONValue = [
                "event_id": "EV-FIRST", "type": "reminder", "occurred_at": "2026-11-27T10:00:00+08:00",
            ]
            async let answer = gateway.post(PlatformAPI.eventsPath(orderNumber: "FIRST-E"), json: event)
            await reached.wait()
            let during = try gateway.inboxRows()
            release.open()
            #expect(during.map(\.outcome) == ["accepted", "forwarding"])
            #expect(during.last?.orderNumber == "FIRST-E")
            #expect(try await answer.status == 200)
            #expect(try gateway.inbox().map(\.status) == [201, 200])
        }
    }

    /// A database that cannot take the inbox row: full (no page may be added, and the order's
    /// content needs new pages) or read-only.
    enum Unwritable: CaseIterable {
        case full, readOnly

        func apply(to database: DatabasePool) throws {
            try database.writeWithoutTransaction { db in
                switch self {
                case .full:
                    // Free pages (left by migrations that drop tables) would take the row: none left.
                    try db.execute(sql: "VACUUM")
                    let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                    try db.execute(sql: "PRAGMA max_page_count = \(pages)")
                case .readOnly:
                    try db.execute(sql: "PRAGMA query_only = 1")
                }
            }
        }
    }

    @Test(arguments: Unwritable.allCases)
    func aGatewayThatCannotKeepTheRecordAnswers503AndForwardsNothing(_ unwritable: Unwritable) async throws {
        try await GatewayFixture.run { gateway in
            try unwritable.apply(to: gateway.database)
            // More than fits in the pages a fresh database has free.
            let order = GatewayFixture.order("FULL-1").setting(
                "content", .string(String(repeating: "拖欠工资", count: 1000)))
            let response = try await gateway.send(PlatformAPI.ordersPath, order.encoded())
            #expect(response.status == 503)
            #expect(response.header("Retry-After") != nil)
            #expect(JSONValue.parse(response.body)?.errorCode == "temporarily_unavailable")
            #expect(gateway.intake.submits.isEmpty)
            #expect(gateway.intake.orders.isEmpty)
        }
    }

    @Test func anEventTheGatewayCannotKeepIsNotForwarded() async throws {
        try await GatewayFixture.run { gateway in
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("FULL-E"))
            try Unwritable.full.apply(to: gateway.database)
            let event: JSONValue = [
                "event_id": "EV-FULL", "type": "supervision", "occurred_at": "2026-11-27T10:00:00+08:00",
                "note": .string(String(repeating: "请加快办理", count: 400)),
            ]
            let response = try await gateway.send(PlatformAPI.eventsPath(orderNumber: "FULL-E"), event.encoded())
            #expect(response.status == 503)
            #expect(response.header("Retry-After") != nil)
            #expect(gateway.intake.applies.isEmpty)
        }
    }
}

extension JSONValue {
    /// This object with `key` set to `value`.
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }
}
