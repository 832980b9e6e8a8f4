public import Instrumentation

extension ServiceContext {
    /// The W3C trace id (32 lowercase hex digits) of the call this work belongs to, as it came in
    /// over a hop or was made up at the edge. It is what logs and error messages name, also when
    /// no tracer records spans.
    public var callTraceID: String? {
        get { self[CallTraceIDKey.self] }
        set { self[CallTraceIDKey.self] = newValue }
    }
}

private enum CallTraceIDKey: ServiceContextKey {
    typealias Value = String
    static var nameOverride: String? { "suban-trace-id" }
}
