import Foundation
import PlatformAdapter
import Testing

@testable import GatewayCore

/// Bodies above the limit, bodies that are not JSON objects, and missing or ill-typed fields get a
/// 4xx naming every bad field; nothing reaches intake and no event is recorded as applied.
@Suite("Malformed input")
struct MalformedInputTests {
    @Test func aBodyAboveTheLimitIs413() async throws {
        try await GatewayFixture.run({ $0.maximumBodyBytes = 2048 }) { gateway in
            var order = GatewayFixture.order("BIG-1")
            if case .object(var members) = order {
                members["content"] = .string(String(repeating: "长", count: 1000))
                order = .object(members)
            }
            let (status, json) = try await gateway.post(PlatformAPI.ordersPath, json: order)
            #expect(status == 413)
            #expect(json.errorCode == "body_too_large")
            #expect(gateway.intake.submits.isEmpty)
            #expect(try gateway.inbox().map(\.outcome) == ["body_too_large"])
        }
    }

    @Test(arguments: ["{\"order_no\": ", "[1, 2]", "\"text\"", "\u{FF}\u{FE}"])
    func aBodyThatIsNotAJSONObjectIs400(_ text: String) async throws {
        try await GatewayFixture.run { gateway in
            let bytes = text == "\u{FF}\u{FE}" ? [0xFF, 0xFE, 0x7B] : Array(text.utf8)
            let (status, json) = try await gateway.post(PlatformAPI.ordersPath, bytes)
            #expect(status == 400)
            #expect(json.errorCode == "malformed_json")
            #expect(gateway.intake.submits.isEmpty)
        }
    }

    @Test func missingFieldsAreEachNamed() async throws {
        try await GatewayFixture.run { gateway in
            let (status, json) = try await gateway.post(PlatformAPI.ordersPath, json: ["order_no": "MISSING-1"])
            #expect(status == 422)
            #expect(json.errorCode == "invalid_fields")
            #expect(Set(json.errorFields) == ["urgency", "kind", "topic", "content", "dispatched_at", "caller"])
            #expect(gateway.intake.submits.isEmpty)
        }
    }

    @Test func illTypedFieldsAreEachNamed() async throws {
        try await GatewayFixture.run { gateway in
            let order: JSONValue = [
                "order_no": "bad number!", "urgency": 1, "kind": "complaint", "topic": "astrology", "content": "  ",
                "caller": ["phone": 13_812_345_678], "dispatched_at": "yesterday", "wide_impact": "yes",
                "attachments": [["name": "照片"], "x"], "enterprise": "某公司",
            ]
            let (status, json) = try await gateway.post(PlatformAPI.ordersPath, json: order)
            #expect(status == 422)
            #expect(
                Set(json.errorFields) == [
                    "order_no", "urgency", "topic", "content", "caller.phone", "dispatched_at", "wide_impact",
                    "attachments[0].url", "attachments[1]", "enterprise",
                ])
            let codes = json["error"]?["fields"]?.arrayValue?.reduce(into: [String: String]()) {
                $0[$1["field"]!.stringValue!] = $1["code"]?.stringValue
            }
            #expect(codes?["urgency"] == "wrong_type")
            #expect(codes?["topic"] == "unknown_value")
            #expect(codes?["dispatched_at"] == "invalid_format")
            #expect(gateway.intake.submits.isEmpty)
        }
    }

    @Test func intakesFieldErrorsComeBackInTheAdaptersNames() async throws {
        try await GatewayFixture.run { gateway in
            var order = GatewayFixture.order("PHONE-1")
            if case .object(var members) = order {
                members["caller"] = ["name": "张三", "phone": .string(GatewayFixture.phoneIntakeRefuses)]
                order = .object(members)
            }
            let (status, json) = try await gateway.post(PlatformAPI.ordersPath, json: order)
            #expect(status == 422)
            #expect(json.errorFields == ["caller.phone"])
        }
    }

    @Test func anIncompleteEventIsRefusedAndNotApplied() async throws {
        try await GatewayFixture.run { gateway in
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("EV-ORDER-1"))
            let events: [(JSONValue, Set<String>)] = [
                (
                    ["type": "review", "occurred_at": "2026-11-27T10:00:00+08:00", "accepted": false],
                    ["event_id", "reason"]
                ),
                (
                    [
                        "event_id": "E1", "type": "callback", "occurred_at": "2026-11-27T10:00:00+08:00",
                        "outcome": "happy",
                    ], ["outcome"]
                ),
                (
                    [
                        "event_id": "E2", "type": "extension_decision", "occurred_at": "2026-11-27T10:00:00+08:00",
                        "approved": true,
                    ], ["new_deadline"]
                ),
                (["event_id": "E3", "type": "teleport", "occurred_at": 5], ["type", "occurred_at"]),
                (
                    [
                        "event_id": "E4", "type": "review", "occurred_at": "2026-11-27T10:00:00+08:00",
                        "accepted": "yes",
                    ], ["accepted"]
                ),
            ]
            for (event, fields) in events {
                let (status, json) = try await gateway.post(
                    PlatformAPI.eventsPath(orderNumber: "EV-ORDER-1"), json: event)
                #expect(status == 422)
                #expect(Set(json.errorFields) == fields)
            }
            #expect(gateway.intake.applies.isEmpty)
        }
    }

    @Test func unknownPathsAndMethodsGetTheSameErrorShape() async throws {
        try await GatewayFixture.run { gateway in
            let (status, json) = try await gateway.post("/platform/v1/nothing", json: [:])
            #expect(status == 404)
            #expect(json.errorCode == "not_found")
        }
    }
}
