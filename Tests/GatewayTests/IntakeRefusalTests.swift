import PlatformAdapter
import RPC
import Testing
import WireProtocol

@testable import GatewayCore

/// Intake's definite refusals keep their codes, name every field, and say nothing about retrying:
/// nothing was stored.
@Suite("Intake's refusals")
struct IntakeRefusalTests {
    struct Refusal: Sendable, CustomTestStringConvertible {
        var error: RPCError
        var status: Int
        var code: String
        var fields: [String] = []

        var testDescription: String { "\(error.code) → \(status)" }
    }

    static let orderRefusals = [
        // Every 422 names what to fix, also when intake named no field.
        Refusal(
            error: RPCError(.invalidArgument, "the order is invalid"), status: 422, code: "invalid_fields",
            fields: ["$"]),
        Refusal(
            error: RPCError(
                .invalidArgument, "the order is invalid",
                fieldViolations: [
                    FieldViolation(field: "draft.caller.phone", code: "invalid_format", message: "not a phone number"),
                    FieldViolation(field: "draft.platform_order_number", code: "too_long", message: "at most 64"),
                    FieldViolation(
                        field: "draft.handling_deadline_unix_ms", code: "out_of_range", message: "before the dispatch"),
                ]),
            status: 422, code: "invalid_fields", fields: ["caller.phone", "order_no", "deadline"]
        ),
        Refusal(error: RPCError(.failedPrecondition, "not now"), status: 409, code: "state_conflict"),
    ]

    @Test(arguments: orderRefusals)
    func anOrderIntakeRefusesIsAnsweredWithItsCodeAndNothingIsStored(_ refusal: Refusal) async throws {
        try await GatewayFixture.run { gateway in
            gateway.intake.injectFault(.refuse(refusal.error))
            let response = try await gateway.send(PlatformAPI.ordersPath, GatewayFixture.order("NO-1").encoded())
            let json = try #require(JSONValue.parse(response.body))
            #expect(response.status == refusal.status)
            #expect(json.errorCode == refusal.code)
            #expect(json.errorFields == refusal.fields)
            #expect(response.header("Retry-After") == nil)
            #expect(gateway.intake.orders.isEmpty)
            #expect(try gateway.inbox().map(\.outcome) == [refusal.code])
        }
    }

    static let eventRefusals = [
        Refusal(
            error: RPCError(.invalidArgument, "the new deadline is not later"), status: 422, code: "invalid_fields",
            fields: ["$"]),
        Refusal(
            error: RPCError(
                .invalidArgument, "reused",
                fieldViolations: [
                    FieldViolation(field: "idempotency_key", code: "reused", message: "used for another order")
                ]),
            status: 422, code: "invalid_fields", fields: ["event_id"]
        ),
        Refusal(error: RPCError(.failedPrecondition, "no reply to review"), status: 409, code: "state_conflict"),
        Refusal(error: RPCError(.notFound, "no order"), status: 404, code: "order_not_found"),
    ]

    @Test(arguments: eventRefusals)
    func anEventIntakeRefusesIsAnsweredWithItsCode(_ refusal: Refusal) async throws {
        try await GatewayFixture.run { gateway in
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("NO-E"))
            gateway.intake.injectFault(.refuse(refusal.error))
            let event: JSONValue = [
                "event_id": "EV-NO", "type": "extension_decision", "occurred_at": "2026-11-27T10:00:00+08:00",
                "approved": true,
                "new_deadline": "2026-12-20T23:59:59+08:00",
            ]
            let response = try await gateway.send(PlatformAPI.eventsPath(orderNumber: "NO-E"), event.encoded())
            let json = try #require(JSONValue.parse(response.body))
            #expect(response.status == refusal.status)
            #expect(json.errorCode == refusal.code)
            #expect(json.errorFields == refusal.fields)
            #expect(response.header("Retry-After") == nil)
            #expect(try gateway.inbox().map(\.outcome) == ["accepted", refusal.code])
        }
    }
}
