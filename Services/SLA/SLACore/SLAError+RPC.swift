public import RPC
import WireProtocol

extension SLAError: RPCErrorConvertible {
    /// The wire error: the status of the code, and the field as a violation when there is one.
    public var rpcError: RPCError {
        let status: StatusCode =
            switch code {
            case .notFound: .notFound
            case .failedPrecondition: .failedPrecondition
            case .resourceExhausted: .resourceExhausted
            default: .invalidArgument
            }
        let violations = field.map { [FieldViolation(field: $0, code: code.description, message: message)] } ?? []
        return RPCError(status, message, fieldViolations: violations)
    }
}
