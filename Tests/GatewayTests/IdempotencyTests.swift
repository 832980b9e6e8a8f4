import Foundation
import PlatformAdapter
import Testing
import WireProtocol

@testable import GatewayCore

/// A re-push of an order or an event changes nothing: the order is not created twice, the event is
/// not applied twice, and both answers say so.
@Suite("Idempotent pushes")
struct IdempotencyTests {
    @Test func rePushingAnOrderAnswersDuplicate() async throws {
        try await GatewayFixture.run { gateway in
            let first = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("SAME-1"))
            let second = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("SAME-1"))
            #expect(first.status == 201)
            #expect(second.status == 200)
            #expect(second.json["status"]?.stringValue == "duplicate")
            #expect(second.json["order_id"] == first.json["order_id"])
            #expect(try gateway.inbox().map(\.outcome) == ["accepted", "duplicate"])
        }
    }

    @Test func rePushingAnEventAppliesItOnce() async throws {
        try await GatewayFixture.run { gateway in
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("EVT-1"))
            let event: JSONValue = [
                "event_id": "EV-1", "type": "reminder", "occurred_at": "2026-11-27T10:00:00+08:00", "note": "请加快办理",
            ]
            let first = try await gateway.post(PlatformAPI.eventsPath(orderNumber: "EVT-1"), json: event)
            let second = try await gateway.post(PlatformAPI.eventsPath(orderNumber: "EVT-1"), json: event)
            #expect(first.status == 200)
            #expect(first.json["status"]?.stringValue == "applied")
            #expect(second.status == 200)
            #expect(second.json["status"]?.stringValue == "duplicate")
            #expect(gateway.intake.applies.count == 1)
            #expect(gateway.intake.applies.first?.action == "urge")
            #expect(gateway.intake.applies.first?.actor?.role == "platform")
            #expect(gateway.intake.applies.first?.orderId == "hotline_12345:EVT-1")
            // Should the inbox lose the answer (a crash right after intake applied it), intake
            // recognizes the retry by this key.
            #expect(gateway.intake.applies.first?.idempotencyKey == "platform-event:EV-1")
        }
    }

    @Test func anEventIDReusedOnAnotherOrderIsAConflict() async throws {
        try await GatewayFixture.run { gateway in
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("EVT-A"))
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("EVT-B"))
            let event: JSONValue = [
                "event_id": "EV-X", "type": "supervision", "occurred_at": "2026-11-27T10:00:00+08:00",
            ]
            _ = try await gateway.post(PlatformAPI.eventsPath(orderNumber: "EVT-A"), json: event)
            let reused = try await gateway.post(PlatformAPI.eventsPath(orderNumber: "EVT-B"), json: event)
            #expect(reused.status == 409)
            #expect(reused.json.errorCode == "event_id_reused")
            #expect(gateway.intake.applies.count == 1)
        }
    }

    @Test func anEventThatFailedUpstreamCanBeRetriedWithTheSameID() async throws {
        try await GatewayFixture.run { gateway in
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("EVT-R"))
            let event: JSONValue = [
                "event_id": "EV-R", "type": "review", "occurred_at": "2026-11-27T10:00:00+08:00", "accepted": true,
            ]
            gateway.intake.setAvailable(false)
            let down = try await gateway.post(PlatformAPI.eventsPath(orderNumber: "EVT-R"), json: event)
            #expect(down.status == 503)
            #expect(down.json.errorCode == "temporarily_unavailable")
            gateway.intake.setAvailable(true)
            let up = try await gateway.post(PlatformAPI.eventsPath(orderNumber: "EVT-R"), json: event)
            #expect(up.status == 200)
            #expect(up.json["status"]?.stringValue == "applied")
            #expect(gateway.intake.applies.map(\.action) == ["platform_review"])
        }
    }

    @Test func eventTypesMapToTheirActions() async throws {
        try await GatewayFixture.run { gateway in
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("MAP-1"))
            let at: JSONValue = "2026-11-27T10:00:00+08:00"
            let events: [JSONValue] = [
                ["event_id": "M1", "type": "reminder", "occurred_at": at],
                ["event_id": "M2", "type": "supervision", "occurred_at": at],
                ["event_id": "M3", "type": "review", "occurred_at": at, "accepted": false, "reason": "答复不完整"],
                ["event_id": "M4", "type": "callback", "occurred_at": at, "outcome": "dissatisfied"],
                [
                    "event_id": "M5", "type": "extension_decision", "occurred_at": at, "approved": true,
                    "new_deadline": "2026-12-20T23:59:59+08:00",
                ],
                [
                    "event_id": "M6", "type": "extension_decision", "occurred_at": at, "approved": false,
                    "reason": "理由不充分",
                ],
                ["event_id": "M7", "type": "return_decision", "occurred_at": at, "approved": true],
            ]
            for event in events {
                let (status, _) = try await gateway.post(PlatformAPI.eventsPath(orderNumber: "MAP-1"), json: event)
                #expect(status == 200)
            }
            let applies = gateway.intake.applies
            #expect(
                applies.map(\.action) == [
                    "urge", "supervise", "platform_review", "record_callback", "approve_extension", "deny_extension",
                    "decide_return",
                ])
            #expect(applies[2].approved == false && applies[2].reason == "答复不完整")
            #expect(applies[3].callbackOutcome == "dissatisfied")
            #expect(applies[4].newDeadlineUnixMs == 1_797_782_399_000)
        }
    }
}
