import Instrumentation
import Traces
import Tracing
import WireProtocol

extension Envelope {
    /// The headers as one name → value dictionary (the first of a repeated name), which a
    /// tracer extracts its propagation from.
    var headerDictionary: [String: String] {
        Dictionary(headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The context a request continues: the caller's span as the tracer reads it from the W3C
    /// headers, and the call's trace id from `traceparent`, else from a caller's `trace-id` of
    /// its own naming.
    func traceContext(tracer: any Tracer) -> ServiceContext {
        var context = TracePropagation.context(from: headerDictionary, tracer: tracer)
        if context.callTraceID == nil, let named = header(Header.traceID), !named.isEmpty {
            context.callTraceID = named
        }
        return context
    }
}

extension [Header] {
    /// The headers that carry `context` to the server: the tracer's W3C ones, and a `trace-id`
    /// for a trace id of the caller's own naming that no `traceparent` can carry.
    static func carrying(_ context: ServiceContext, tracer: any Tracer) -> [Header] {
        let propagated = TracePropagation.headers(for: context, tracer: tracer)
        var headers = propagated.keys.sorted().compactMap { name in
            propagated[name].map { Header(name: name, value: $0) }
        }
        if let traceID = context.callTraceID, !TracePropagation.isTraceID(traceID) {
            headers.append(Header(name: Header.traceID, value: traceID))
        }
        return headers
    }
}
