/// A request the SLA service refuses, with a message for the caller. The RPC layer maps the code
/// to a wire status; storage failures are not `SLAError`s and reach callers as internal errors.
public struct SLAError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal. Opaque so that new kinds can be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Wrapped: String, Sendable, Hashable {
            case invalidArgument = "invalid_argument"
            case notFound = "not_found"
            case failedPrecondition = "failed_precondition"
            case resourceExhausted = "resource_exhausted"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The request is malformed (missing id, unknown kind, a bad holiday file).
        public static let invalidArgument = Code(.invalidArgument)
        /// The order has no clock the request could apply to.
        public static let notFound = Code(.notFound)
        /// The request is well-formed but the clocks are not in a state that allows it.
        public static let failedPrecondition = Code(.failedPrecondition)
        /// The answer would be too large; the caller should narrow the query.
        public static let resourceExhausted = Code(.resourceExhausted)

        public var description: String { wrapped.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// A sentence for the caller.
    public let message: String
    /// The request field at fault, when there is one (`order_id`).
    public let field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { "\(code): \(message)" }
}
