import Instrumentation
import Traces
import Tracing
import WireProtocol

/// The span of one RPC call, on either side, and the context the call's work runs in: the span's,
/// with the call's trace id settled (never empty).
struct CallSpan: Sendable {
    let span: any Span
    let context: ServiceContext

    /// Starts the span of `method` (`intake.submit`) under `parent`, named and described as
    /// OpenTelemetry's RPC conventions say.
    init(method: String, kind: SpanKind, parent: ServiceContext, tracer: any Tracer) {
        let span = tracer.startSpan(method, context: parent, ofKind: kind)
        // With tracing off nothing is recorded: the attributes are not worth building per call.
        if span.isRecording {
            let service = method.split(separator: ".", maxSplits: 1)
            span.attributes["rpc.system"] = "suban"
            span.attributes["rpc.service"] = service.count == 2 ? String(service[0]) : method
            span.attributes["rpc.method"] = service.count == 2 ? String(service[1]) : method
        }
        self.span = span
        self.context = TracePropagation.settlingTraceID(of: span.context, tracer: tracer)
    }

    var traceID: String { context.callTraceID ?? "" }

    /// Ends the span with the call's outcome; a status other than `ok` marks it failed.
    func end(status: StatusCode, message: String = "") {
        if span.isRecording {
            span.attributes["rpc.response.status_code"] = status.description
            if status != .ok {
                span.setStatus(SpanStatus(code: .error, message: message))
            }
        }
        span.end()
    }
}
