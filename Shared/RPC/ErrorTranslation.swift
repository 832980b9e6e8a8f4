public import Logging

extension RPCServer {
    /// What a handler error that is not `RPCErrorConvertible` becomes on the wire, and what its
    /// log line adds.
    public struct TranslatedError: Sendable {
        public var error: RPCError
        public var metadata: Logger.Metadata

        public init(_ error: RPCError, metadata: Logger.Metadata = [:]) {
            self.error = error
            self.metadata = metadata
        }
    }

    /// Maps errors of a layer below RPC (storage) that cannot conform to `RPCErrorConvertible`
    /// without RPC importing that layer; nil leaves the error a generic internal one.
    public typealias ErrorTranslator = @Sendable (any Error) -> TranslatedError?
}
