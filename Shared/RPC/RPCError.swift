public import WireProtocol

/// The error of a call: a status code, a message for people, the field-level details of a
/// validation failure, and the error underneath.
///
/// The `cause` never reaches the wire: the server logs it with the call's trace id, so that an
/// operator finds it from the trace id the caller was shown (as grpc-swift-2's `RPCError`).
public struct RPCError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    public var fieldViolations: [FieldViolation]
    /// What went wrong underneath, for the server's log only; not part of equality.
    public var cause: (any Error)?
    /// The trace id of the call that failed, for staff to quote: set by the client on every
    /// error of a call; nil on an error not yet through one. Not part of equality either.
    public var traceID: String?

    public init(
        _ code: StatusCode, _ message: String, fieldViolations: [FieldViolation] = [], cause: (any Error)? = nil
    ) {
        precondition(code != .ok, "an RPCError needs a non-ok status")
        self.code = code
        self.message = message
        self.fieldViolations = fieldViolations
        self.cause = cause
    }

    public var description: String {
        var text = "\(code): \(message)"
        for violation in fieldViolations {
            text += "\n  \(violation.field): \(violation.message)"
        }
        return text
    }

    /// Two errors are the same error whichever call they came from and whatever caused them.
    public static func == (lhs: RPCError, rhs: RPCError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.fieldViolations == rhs.fieldViolations
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(fieldViolations)
    }
}

/// An error that knows how to reach the wire: services throw their own errors and conform them
/// here, so that errors become statuses in one place (`RPCServer`'s answer, `RPCRouter.call`).
/// A handler error that does not conform is sent as a generic internal error and logged in full
/// on the server only.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError: RPCErrorConvertible {
    public var rpcError: RPCError { self }
}

extension WireError: RPCErrorConvertible {
    public var rpcError: RPCError { RPCError(.invalidArgument, description) }
}
