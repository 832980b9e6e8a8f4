import Foundation
import PlatformAdapter
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import GatewayCore

/// When intake did the work but the gateway did not hear so, the gateway answers 503 with
/// Retry-After (the order may be stored), and the retry, idempotent in intake, tells the truth.
@Suite("Uncertain answers")
struct UncertainAnswerTests {
    /// How intake's answer gets lost after intake stored the order or applied the event.
    enum LostAnswer: CaseIterable, CustomTestStringConvertible {
        case connectionDropped, noAnswerInTime, internalError, resourceExhausted

        var testDescription: String { "\(self)" }

        /// Runs `body` with a gateway and a function that makes intake lose its answer to the
        /// next call, after it stored the order or applied the event.
        func withGateway(_ body: (GatewayFixture, _ loseNextAnswer: () -> Void) async throws -> Void) async throws {
            switch self {
            case .connectionDropped:
                try await AnswerDroppingRelay.run { relay in
                    try await GatewayFixture.run(intakeClient: relay.client(toIntakeAt:)) { gateway in
                        try await body(gateway, relay.dropNextAnswer)
                    }
                }
            case .noAnswerInTime:
                try await GatewayFixture.run(intakeClient: { makeTestClient(port: $0, timeout: .seconds(1)) }) {
                    gateway in
                    let release = Gate()
                    // Intake answers only once the test is done, long after the gateway gave up.
                    defer { release.open() }
                    try await body(gateway) {
                        gateway.intake.injectFault(.holdAfterStoring(reached: Gate(), release: release))
                    }
                }
            case .internalError, .resourceExhausted:
                let code: StatusCode = self == .internalError ? .internal : .resourceExhausted
                try await GatewayFixture.run { gateway in
                    try await body(gateway) {
                        gateway.intake.injectFault(
                            .failAfterStoring(RPCError(code, "failed after the commit, in this test")))
                    }
                }
            }
        }
    }

    /// The two entries that submit orders.
    enum Entry: CaseIterable, CustomTestStringConvertible {
        case platform, hotline12333

        var testDescription: String { "\(self)" }

        func post(_ gateway: GatewayFixture, _ order: JSONValue) async throws -> HTTPPostClient.Response {
            switch self {
            case .platform:
                try await gateway.send(PlatformAPI.ordersPath, order.encoded())
            case .hotline12333:
                try await gateway.send(
                    PlatformAPI.hotline12333OrdersPath, order.encoded(), key: GatewayFixture.hotlineKey,
                    secret: GatewayFixture.hotlineSecret)
            }
        }
    }

    @Test(arguments: LostAnswer.allCases, Entry.allCases)
    func anOrderWhoseAnswerWasLostIsAnswered503AndTheRetryFindsIt(_ lost: LostAnswer, _ entry: Entry) async throws {
        try await lost.withGateway { gateway, loseNextAnswer in
            let order = GatewayFixture.order("LOST-1")
            loseNextAnswer()
            let first = try await entry.post(gateway, order)
            #expect(first.status == 503)
            #expect(first.header("Retry-After") == "5")
            #expect(JSONValue.parse(first.body)?.errorCode == "temporarily_unavailable")
            let stored = try #require(gateway.intake.orders["LOST-1"], "the fake intake stored the order")
            let kept = try gateway.inboxRows()
            #expect(kept.map(\.outcome) == ["uncertain"])
            #expect(kept.first?.status == 503)
            #expect(kept.first?.orderNumber == "LOST-1")

            let retry = try await entry.post(gateway, order)
            let json = try #require(JSONValue.parse(retry.body))
            #expect(retry.status == 200)
            #expect(json["status"]?.stringValue == "duplicate")
            #expect(json["order_id"]?.stringValue == stored)
            #expect(json["state"]?.stringValue == "assigned_pending_ack")
            #expect(try gateway.inboxRows().map(\.outcome) == ["uncertain", "duplicate"])
        }
    }

    @Test(arguments: LostAnswer.allCases)
    func anEventWhoseAnswerWasLostIsAnswered503AndTheRetryAppliesItOnce(_ lost: LostAnswer) async throws {
        try await lost.withGateway { gateway, loseNextAnswer in
            _ = try await gateway.post(PlatformAPI.ordersPath, json: GatewayFixture.order("LOST-E"))
            loseNextAnswer()
            let event: JSONValue = [
                "event_id": "EV-LOST", "type": "review", "occurred_at": "2026-11-27T10:00:00+08:00", "accepted": true,
            ]
            let path = PlatformAPI.eventsPath(orderNumber: "LOST-E")
            let first = try await gateway.send(path, event.encoded())
            #expect(first.status == 503)
            #expect(first.header("Retry-After") == "5")
            #expect(try gateway.inbox().last?.outcome == "uncertain")

            let retry = try await gateway.post(path, json: event)
            #expect(retry.status == 200)
            #expect(retry.json["status"]?.stringValue == "applied")
            #expect(retry.json["order_id"]?.stringValue == gateway.intake.orders["LOST-E"])
            // Both calls carry the one key by which intake applies the event once.
            #expect(
                gateway.intake.applies.map(\.idempotencyKey) == ["platform-event:EV-LOST", "platform-event:EV-LOST"])
        }
    }
}
