import Instrumentation
import Traces
import Tracing

extension OutboxSender {
    /// One attempt at `entry` in a span of its own, a child of the trace that wrote the entry (the
    /// call that made the change, even one before a restart): the RPC call of the delivery is a
    /// child of this span, so that the trace goes on to the receiver.
    static func traced(
        _ entry: Store.Entry, outbox: String, tracer: any Tracer, deliver: Deliver
    ) async -> DeliveryResult {
        let parent = TracePropagation.context(from: entry.traceHeaders, tracer: tracer)
        let span = tracer.startSpan("send \(entry.destination)", context: parent, ofKind: .producer)
        span.attributes["messaging.system"] = "suban.outbox"
        span.attributes["messaging.operation.type"] = "send"
        span.attributes["messaging.destination.name"] = entry.destination
        span.attributes["messaging.message.id"] = "\(entry.id)"
        span.attributes["suban.outbox.name"] = outbox
        defer { span.end() }
        let context = TracePropagation.settlingTraceID(of: span.context, tracer: tracer)
        let result = await ServiceContext.withValue(context) { await deliver(entry) }
        if !result.isDelivered {
            span.setStatus(SpanStatus(code: .error, message: result.error))
        }
        return result
    }

    /// The trace id an entry's log lines name: the one of the work that wrote it.
    static func traceID(of entry: Store.Entry) -> String? {
        TracePropagation.context(from: entry.traceHeaders, tracer: NoOpTracer()).callTraceID
    }
}
