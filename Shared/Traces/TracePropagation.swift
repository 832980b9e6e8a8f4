public import Instrumentation
public import Tracing
import W3CTraceContext

/// Carries a call's trace across a hop (an RPC envelope, an HTTP request, an outbox row) as W3C
/// trace-context headers: the tracer's own propagation, and a `traceparent` of the call's trace id
/// where the tracer writes none (tracing off), so that the trace id every log line names goes
/// through every hop whether or not spans are recorded.
public enum TracePropagation {
    public static let traceParent = "traceparent"
    public static let traceState = "tracestate"

    /// The headers that continue `context` at the next hop.
    public static func headers(for context: ServiceContext, tracer: any Tracer) -> [String: String] {
        var headers: [String: String] = [:]
        tracer.inject(context, into: &headers, using: HeaderDictionaryInjector())
        if headers[traceParent] == nil, let traceID = context.callTraceID,
            let parent = traceParentValue(traceID: traceID)
        {
            headers[traceParent] = parent
        }
        return headers
    }

    /// The context a hop continues from `headers`: what the tracer extracts, with the trace id
    /// of a valid `traceparent`.
    public static func context(from headers: [String: String], tracer: any Tracer) -> ServiceContext {
        var context = ServiceContext.topLevel
        tracer.extract(headers, into: &context, using: HeaderDictionaryExtractor())
        if let traceID = parsedTraceParent(headers[traceParent])?.traceID {
            context.callTraceID = traceID.description
        }
        return context
    }

    /// The trace id of `context`: the tracer's, when it propagates a span of its own in W3C form,
    /// else the one the context carries.
    public static func traceID(of context: ServiceContext, tracer: any Tracer) -> String? {
        var headers: [String: String] = [:]
        tracer.inject(context, into: &headers, using: HeaderDictionaryInjector())
        return parsedTraceParent(headers[traceParent])?.traceID.description ?? context.callTraceID
    }

    /// `context` with its trace id settled: the tracer's or the carried one, else a new one, so
    /// that no call goes without.
    public static func settlingTraceID(of context: ServiceContext, tracer: any Tracer) -> ServiceContext {
        var context = context
        var generator = IDGenerator()
        context.callTraceID = traceID(of: context, tracer: tracer) ?? TraceID.random(using: &generator).description
        return context
    }

    /// Whether `text` is a W3C trace id: 32 lowercase hex digits, not all zero.
    public static func isTraceID(_ text: String) -> Bool {
        isCanonicalTraceID(text) || parsedTraceParentValue(traceID: text) != nil
    }

    /// A `traceparent` naming `traceID` and a new parent span id, sampled; nil for an invalid id.
    static func traceParentValue(traceID: String) -> String? {
        // The common case, an id in its canonical form, without building and parsing a header:
        // every RPC call passes here.
        var generator = IDGenerator()
        if isCanonicalTraceID(traceID) { return "00-\(traceID)-\(SpanID.random(using: &generator).description)-01" }
        return parsedTraceParentValue(traceID: traceID)
    }

    private static func parsedTraceParentValue(traceID: String) -> String? {
        var generator = IDGenerator()
        return parsedTraceParent("00-\(traceID)-\(SpanID.random(using: &generator).description)-01")?
            .traceParentHeaderValue
    }

    /// The trace context of a `traceparent` value; nil for none or a malformed one, which W3C
    /// trace context says to ignore: the receiver starts a trace of its own.
    static func parsedTraceParent(_ value: String?) -> TraceContext? {
        guard let value else { return nil }
        return try? TraceContext(traceParentHeaderValue: value)
    }

    /// 32 lowercase hex digits, not all zero: what W3C trace context writes.
    private static func isCanonicalTraceID(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == 32 else { return false }
        var nonZero = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0"): continue
            case UInt8(ascii: "1")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): nonZero = true
            default: return false
            }
        }
        return nonZero
    }
}

extension TracePropagation {
    /// `headers` as text for a database column: one `name: value` a line, in name order; nil for
    /// none. Header values hold no line breaks (W3C trace context).
    public static func text(of headers: [String: String]) -> String? {
        guard !headers.isEmpty else { return nil }
        return headers.keys.sorted().compactMap { name in headers[name].map { "\(name): \($0)" } }.joined(
            separator: "\n")
    }

    /// The headers of `text(of:)`; lines without a `: ` are skipped.
    public static func headers(fromText text: String?) -> [String: String] {
        guard let text else { return [:] }
        var headers: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let separator = line.firstRange(of: ": ") else { continue }
            headers[String(line[..<separator.lowerBound])] = String(line[separator.upperBound...])
        }
        return headers
    }
}
