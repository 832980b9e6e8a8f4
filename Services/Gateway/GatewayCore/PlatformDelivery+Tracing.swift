import Instrumentation
import Outbox
import PlatformAdapter
import Traces
import Tracing

extension PlatformDelivery {
    /// The client span of one POST to the platform, a child of the outbox delivery's span.
    struct PostSpan {
        let span: any Span
        let context: ServiceContext

        func end(_ result: DeliveryResult) {
            if !result.isDelivered {
                span.setStatus(SpanStatus(code: .error, message: result.error))
            }
            span.end()
        }
    }

    /// The POST's span; `arrival` (trace headers of the order's push) becomes a link.
    func startSpan(path: String, endpoint: HTTPEndpoint, arrival: [String: String]) -> PostSpan {
        let span = tracer.startSpan("POST", context: ServiceContext.current ?? .topLevel, ofKind: .client)
        if !arrival.isEmpty {
            span.addLink(
                SpanLink(
                    context: TracePropagation.context(from: arrival, tracer: tracer),
                    attributes: ["suban.link": "order.arrival"]))
        }
        span.attributes["http.request.method"] = "POST"
        span.attributes["server.address"] = endpoint.host
        span.attributes["server.port"] = endpoint.port
        span.attributes["url.path"] = path
        return PostSpan(span: span, context: TracePropagation.settlingTraceID(of: span.context, tracer: tracer))
    }
}
