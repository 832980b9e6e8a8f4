public import WireProtocol

/// The error of a call: a status code, a message for people, and the field-level details of
/// a validation failure.
public struct RPCError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    public var fieldViolations: [FieldViolation]
    /// The trace id of the call that failed, for staff to quote: set by the client on every
    /// error of a call; nil on an error not yet through one.
    public var traceID: String?

    public init(_ code: StatusCode, _ message: String, fieldViolations: [FieldViolation] = []) {
        precondition(code != .ok, "an RPCError needs a non-ok status")
        self.code = code
        self.message = message
        self.fieldViolations = fieldViolations
    }

    /// Two errors are the same error whichever call they came from: the trace id is left out.
    public static func == (lhs: RPCError, rhs: RPCError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.fieldViolations == rhs.fieldViolations
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(fieldViolations)
    }

    public var description: String {
        var text = "\(code): \(message)"
        for violation in fieldViolations {
            text += "\n  \(violation.field): \(violation.message)"
        }
        return text
    }
}

/// An error that knows how to reach the wire. A handler error that does not conform is sent as
/// a generic internal error and logged in full on the server only.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError: RPCErrorConvertible {
    public var rpcError: RPCError { self }
}

extension WireError: RPCErrorConvertible {
    public var rpcError: RPCError { RPCError(.invalidArgument, description) }
}
