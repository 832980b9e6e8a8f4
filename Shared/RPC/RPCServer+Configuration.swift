extension RPCServer {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port; read the result from `listeningAddress`.
        public var port: Int
        /// A frame announcing more is refused and its connection closed, before any of it is buffered.
        public var maximumFrameLength: Int
        /// The deadline of a call that does not say how long its caller waits.
        public var defaultTimeout: Duration
        /// How long graceful shutdown waits for a connection's peer to collect its answers and close,
        /// and how long the peer of an idle connection has to close it after the notice.
        public var shutdownGracePeriod: Duration
        /// A connection with no call in flight that sends no byte for this long is closed; nil never
        /// closes one. Abandoned connections would otherwise hold a socket and a task each forever.
        public var idleTimeout: Duration?
        /// Calls one connection may have running at once; a call beyond it is refused at once with
        /// `resource_exhausted` and the connection stays usable.
        public var maximumCallsInFlight: Int
        /// Protocol violations logged at notice per minute (for the whole server); the rest are
        /// counted and the count logged with the next line, so that a hostile peer cannot flood the log.
        public var protocolViolationLogLimit: Int

        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            maximumFrameLength: Int = 4 << 20,
            defaultTimeout: Duration = .seconds(30),
            shutdownGracePeriod: Duration = .seconds(10),
            idleTimeout: Duration? = .seconds(300),
            maximumCallsInFlight: Int = 256,
            protocolViolationLogLimit: Int = 20
        ) {
            self.host = host
            self.port = port
            self.maximumFrameLength = maximumFrameLength
            self.defaultTimeout = defaultTimeout
            self.shutdownGracePeriod = shutdownGracePeriod
            self.idleTimeout = idleTimeout
            self.maximumCallsInFlight = maximumCallsInFlight
            self.protocolViolationLogLimit = protocolViolationLogLimit
        }
    }
}
