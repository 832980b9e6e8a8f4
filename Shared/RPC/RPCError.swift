public import WireProtocol

/// The error of a call: a status code, a message for people, and the field-level details of
/// a validation failure.
public struct RPCError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    public var fieldViolations: [FieldViolation]

    public init(_ code: StatusCode, _ message: String, fieldViolations: [FieldViolation] = []) {
        precondition(code != .ok, "an RPCError needs a non-ok status")
        self.code = code
        self.message = message
        self.fieldViolations = fieldViolations
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
