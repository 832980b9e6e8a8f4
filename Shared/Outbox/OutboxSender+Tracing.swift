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

    /// One batch call: a span per entry, each a child of the trace that wrote its entry (so that
    /// every order's trace still shows its delivery and its outcome), and one span for the call,
    /// linked to each of them, in whose context the call goes.
    static func tracedBatch(
        _ entries: [Store.Entry], outbox: String, tracer: any Tracer,
        deliver: @Sendable ([Store.Entry]) async -> OutboxBatching<Store.Entry>.Answer
    ) async -> OutboxBatching<Store.Entry>.Answer {
        let destination = entries.first?.destination ?? ""
        let spans = entries.map { entry in
            let parent = TracePropagation.context(from: entry.traceHeaders, tracer: tracer)
            let span = tracer.startSpan("send \(entry.destination)", context: parent, ofKind: .producer)
            span.attributes["messaging.system"] = "suban.outbox"
            span.attributes["messaging.operation.type"] = "send"
            span.attributes["messaging.destination.name"] = entry.destination
            span.attributes["messaging.message.id"] = "\(entry.id)"
            span.attributes["messaging.batch.message_count"] = entries.count
            span.attributes["suban.outbox.name"] = outbox
            return span
        }
        let batchSpan = tracer.startSpan("send \(destination) batch", context: .topLevel, ofKind: .producer)
        batchSpan.attributes["messaging.system"] = "suban.outbox"
        batchSpan.attributes["messaging.operation.type"] = "send"
        batchSpan.attributes["messaging.destination.name"] = destination
        batchSpan.attributes["messaging.batch.message_count"] = entries.count
        batchSpan.attributes["suban.outbox.name"] = outbox
        for span in spans { batchSpan.addLink(SpanLink(context: span.context, attributes: [:])) }
        let context = TracePropagation.settlingTraceID(of: batchSpan.context, tracer: tracer)
        let answer = await ServiceContext.withValue(context) { await deliver(entries) }
        let results = OutboxBatching<Store.Entry>.results(of: answer, count: entries.count)
        for (index, span) in spans.enumerated() {
            if let result = results?[index], !result.isDelivered {
                span.setStatus(SpanStatus(code: .error, message: result.error))
            }
            span.end()
        }
        if case .failedAll(let result) = answer {
            batchSpan.setStatus(SpanStatus(code: .error, message: result.error))
        }
        batchSpan.end()
        return answer
    }

    /// The trace id an entry's log lines name: the one of the work that wrote it.
    static func traceID(of entry: Store.Entry) -> String? {
        TracePropagation.context(from: entry.traceHeaders, tracer: NoOpTracer()).callTraceID
    }
}
