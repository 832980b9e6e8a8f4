import InMemoryTracing
import Instrumentation
import Outbox
import TestSupport
import Testing
import Traces
import Tracing

/// An entry keeps the trace of the transaction that wrote it, so that its delivery, whenever it
/// happens and by whichever run of the sender, continues that trace.
@Suite("Outbox tracing")
struct OutboxTracingTests {
    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"

    @Test func aDeliveryContinuesTheTraceStoredWithItsEntry() async throws {
        let tracer = InMemoryTracer()
        let fixture = try OutboxFixture(tracer: tracer)
        let writer = tracer.startSpan("intake.submit", context: .topLevel, ofKind: .server)
        var context = writer.context
        context.callTraceID = Self.traceID
        _ = try ServiceContext.withValue(context) { try fixture.enqueue("peer.notify") }
        writer.end()

        // The sender knows the entry only from its row, as after a restart.
        let stored = try #require(try fixture.entries().first)
        #expect(stored.traceHeaders[TracePropagation.traceParent]?.contains(Self.traceID) == true)
        try await fixture.running { _ = await fixture.rounds.wait(forCount: 1) }

        #expect(fixture.deliveryTraceIDs.items == [Self.traceID])
        let delivery = try #require(tracer.finishedSpans.first { $0.operationName == "send peer" })
        #expect(delivery.kind == .producer)
        #expect(delivery.traceID == writer.traceID)
        #expect(delivery.parentSpanID == writer.spanID)
        #expect(delivery.attributes.get("messaging.destination.name") == .string("peer"))
    }

    @Test func anEntryWrittenOutsideAnyTraceIsDeliveredUnderANewTraceID() async throws {
        let fixture = try OutboxFixture()
        try fixture.enqueue("peer.notify")
        #expect(try fixture.entries().first?.traceHeaders.isEmpty == true)
        try await fixture.running { _ = await fixture.rounds.wait(forCount: 1) }
        let seen = try #require(fixture.deliveryTraceIDs.items.first ?? nil)
        #expect(TracePropagation.isTraceID(seen))
    }
}
