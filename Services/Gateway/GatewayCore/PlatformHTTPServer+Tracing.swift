import Instrumentation
import Traces
import Tracing

extension PlatformHTTPServer {
    /// Runs an inbound request's work in a server span that continues the sender's W3C
    /// `traceparent` (a new trace without one), so that the order's trace starts at the platform's
    /// push and goes on through intake; the work's calls and logs carry its trace id.
    func traced(
        _ endpoint: InboundDesk.Endpoint, target: String, headers: [String: String],
        _ work: () async -> InboundDesk.Answer
    ) async -> InboundDesk.Answer {
        let parent = TracePropagation.context(from: headers, tracer: tracer)
        // The endpoint's name is its method and route: `POST /platform/v1/orders`.
        let span = tracer.startSpan(endpoint.name, context: parent, ofKind: .server)
        span.attributes["http.request.method"] = "POST"
        span.attributes["url.path"] = String(target.prefix { $0 != "?" })
        span.attributes["http.route"] = String(endpoint.name.dropFirst("POST ".count))
        defer { span.end() }
        let context = TracePropagation.settlingTraceID(of: span.context, tracer: tracer)
        let answer = await ServiceContext.withValue(context) { await work() }
        span.attributes["http.response.status_code"] = answer.status
        if answer.status >= 500 {
            span.setStatus(SpanStatus(code: .error))
        }
        return answer
    }
}
