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

    func startSpan(path: String, endpoint: HTTPEndpoint) -> PostSpan {
        let span = tracer.startSpan("POST", context: ServiceContext.current ?? .topLevel, ofKind: .client)
        span.attributes["http.request.method"] = "POST"
        span.attributes["server.address"] = endpoint.host
        span.attributes["server.port"] = endpoint.port
        span.attributes["url.path"] = path
        return PostSpan(span: span, context: TracePropagation.settlingTraceID(of: span.context, tracer: tracer))
    }
}
