public import Logging
public import NIOCore
public import WireProtocol

/// What a handler knows about the call it serves.
public struct ServerContext: Sendable {
    public var method: String
    public var callID: UInt64
    /// When the caller stops waiting; pass `remainingTimeout` on to downstream calls.
    public var deadline: NIODeadline
    public var traceID: String
    /// Carries `rpc.method`, `rpc.call_id` and `trace.id`.
    public var logger: Logger
    /// The request's headers, as the caller sent them: nothing in them is verified here.
    public var headers: [Header]

    public init(
        method: String, callID: UInt64, deadline: NIODeadline, traceID: String, logger: Logger, headers: [Header] = []
    ) {
        self.method = method
        self.callID = callID
        self.deadline = deadline
        self.traceID = traceID
        self.logger = logger
        self.headers = headers
    }

    /// The value of the first header named `name`.
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// The budget left for work done on behalf of this call.
    public var remainingTimeout: Duration {
        let nanoseconds = (deadline - .now()).nanoseconds
        return .nanoseconds(max(0, nanoseconds))
    }
}
