import Domain
import Foundation
import Identity
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import CoordinationCore

/// SLA owns the calendar: when it counts an action item's period to another due, intake relays it
/// and the item is due then, with the move in the case's log. Nobody else may move a due.
@Suite("Coordination: an action item's due moved by SLA", .timeLimit(.minutes(1)))
struct ActionItemDueTests {
    typealias F = CoordinationFixture

    static func move(
        _ fixture: F, _ item: String, to due: Date, provisional: Bool = false, issuer: String = "intake"
    ) async throws -> Wire.MoveActionItemDueResponse {
        let token = try TestIdentity.issuer(issuer).issue(account: issuer, displayName: issuer, roles: [.system]).token
        return try await fixture.client.call(
            "coordination.move_action_item_due",
            Wire.MoveActionItemDueRequest(
                actionItemId: item, dueUnixMs: due.unixMilliseconds, eventId: "\(item)/recomputed/1",
                provisional: provisional),
            as: Wire.MoveActionItemDueResponse.self, headers: [Header(name: Header.credential, value: token)]
        )
    }

    @Test func theDueSLACountedReplacesTheItemsAndIsLogged() async throws {
        try await F.run { fixture in
            let opened = try await fixture.openCase()
            let meeting = try #require(try await fixture.schedule(opened.id).meeting)
            fixture.clock.set("2025-09-30T11:30:00+08:00")
            try await fixture.hold(meeting.id)
            let item = try await fixture.addItem(meeting.id, owner: F.lead, what: "核定并支付工伤待遇", days: 5)
            #expect(item.dueDay == "2025-10-14")
            let later = F.at("2025-10-16T00:00:00+08:00")

            let refused = await #expect(throws: RPCError.self) {
                _ = try await Self.move(fixture, item.id, to: later, issuer: "sla")
            }
            #expect(refused?.code == .permissionDenied)
            #expect(try await Self.move(fixture, item.id, to: later, provisional: true).moved)
            #expect(!(try await Self.move(fixture, item.id, to: later, provisional: true).moved))  // already due then
            #expect(try await Self.move(fixture, item.id, to: later).moved)  // the notice loaded confirms it

            let shown = try await fixture.getCase(opened.id)
            let moved = try #require(shown.coordinationCase?.actionItems.first)
            #expect(moved.dueDay == "2025-10-15" && moved.dueUnixMs == later.unixMilliseconds && !moved.dueProvisional)
            let logged = shown.events.filter { $0.action == "move_action_item_due" }.map(\.reason)
            #expect(logged == ["2025年10月14日 24:00 → 2025年10月15日 24:00", "2025年10月15日 24:00（已按节假日通知确认）"], "\(logged)")
        }
    }
}
