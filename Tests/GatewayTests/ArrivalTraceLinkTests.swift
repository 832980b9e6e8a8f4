import Foundation
import InMemoryTracing
import PlatformAdapter
import Testing
import Traces
import Tracing

@testable import GatewayCore
@testable import Outbox

/// A message a person sends about an order (its acknowledgement, a reply) is a trace of its own,
/// started by that person's action; its POST to the platform links to the trace of the push that
/// brought the order in, so that one order's whole story can be followed from either end.
@Suite("Arrival trace link")
struct ArrivalTraceLinkTests {
    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"

    @Test func anAcceptedPushKeepsTheTraceOfItsHandlingAndARefusedOneIsNoArrival() async throws {
        try await GatewayFixture.run { gateway in
            let body = GatewayFixture.order("LINK-1").encoded()
            let signature = PlatformSignature.sign(
                method: "POST", target: PlatformAPI.ordersPath, appKey: GatewayFixture.platformKey,
                secret: GatewayFixture.platformSecret, timestamp: Int64(Date().timeIntervalSince1970),
                nonce: PlatformSignature.makeNonce(), body: body)
            let pushed = try await gateway.client.post(
                to: gateway.endpoint, target: PlatformAPI.ordersPath,
                headers: signature.headers + [(name: "traceparent", value: "00-\(Self.traceID)-00f067aa0ba902b7-01")],
                body: body)
            #expect(pushed.status == 201)
            let arrival = try gateway.inboxStore.arrivalTrace(ofOrder: "LINK-1")
            #expect(arrival[TracePropagation.traceParent]?.contains(Self.traceID) == true, "\(arrival)")

            let unsigned = try await gateway.postRaw(
                PlatformAPI.ordersPath, GatewayFixture.order("LINK-2").encoded(), headers: [])
            #expect(unsigned.status == 401)
            #expect(try gateway.inboxStore.arrivalTrace(ofOrder: "LINK-2").isEmpty)
        }
    }

    @Test func thePostOfAMessageLinksToItsOrdersArrival() async throws {
        let tracer = InMemoryTracer()
        let arrival = tracer.startSpan("POST /api/v1/orders", context: .topLevel, ofKind: .server)
        let arrivalHeaders = TracePropagation.headers(for: arrival.context, tracer: tracer)
        arrival.end()
        // Nothing listens on port 1: the attempt fails, its span is recorded all the same.
        var delivery = PlatformDelivery(
            endpoint: HTTPEndpoint(host: "127.0.0.1", port: 1), appKey: "k", secret: "s", client: HTTPPostClient(),
            now: { Date() }, arrivalTrace: { $0 == "LINK-1" ? arrivalHeaders : [:] })
        delivery.tracer = tracer
        for number in ["LINK-1", "NO-ARRIVAL"] {
            let result = await delivery.deliver(Self.entry(orderNumber: number))
            #expect(!result.isDelivered)
        }

        let posts = tracer.finishedSpans.filter { $0.operationName == "POST" }
        #expect(posts.count == 2)
        let linked = try #require(posts.first)
        #expect(linked.links.count == 1)
        #expect(linked.links.first?.context.inMemorySpanContext?.traceID == arrival.traceID)
        #expect(linked.links.first?.context.inMemorySpanContext?.spanID == arrival.spanID)
        #expect(linked.traceID != arrival.traceID)
        #expect(posts.last?.links.isEmpty == true)
    }

    static func entry(orderNumber: String) -> OutboxEntry {
        OutboxEntry(
            id: 1,
            message: OutboxMessage(
                destination: "platform", method: "platform.post", body: Array("{}".utf8), orderingKey: orderNumber,
                context: "/api/v1/orders/\(orderNumber)/acknowledgement"),
            state: .pending, attempts: 0, lastError: "", createdAt: 0)
    }
}
