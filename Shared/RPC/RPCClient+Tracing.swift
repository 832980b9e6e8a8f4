import Instrumentation
import Traces
import Tracing

extension RPCClient {
    /// The client span of a call to `method`, a child of the caller's current span. A non-empty
    /// `traceID` names the call's trace id where the tracer propagates none of its own.
    func startCallSpan(_ method: String, traceID: String?) -> CallSpan {
        var parent = ServiceContext.current ?? .topLevel
        if let traceID, !traceID.isEmpty {
            parent.callTraceID = traceID
        }
        let call = CallSpan(method: method, kind: .client, parent: parent, tracer: tracer)
        if call.span.isRecording {
            call.span.attributes["server.address"] = configuration.host
            call.span.attributes["server.port"] = configuration.port
        }
        return call
    }
}
