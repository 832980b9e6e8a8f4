import Logging
import NIOCore
import NIOPosix
import Synchronization
import WireProtocol

extension RPCClient {
    private enum Step {
        case use(ClientConnection)
        case await(EventLoopFuture<ClientConnection>, owner: Bool)
        case wait(until: NIODeadline)
        case refuse
    }

    /// The live connection, opening it (or waiting for the attempt in progress) when needed.
    func connection(before deadline: NIODeadline) async throws -> ClientConnection {
        while true {
            switch nextStep() {
            case .use(let connection):
                return connection
            case .refuse:
                throw RPCError(.unavailable, "client is shut down")
            case .wait(let until):
                guard until < deadline else {
                    throw RPCError(
                        .unavailable,
                        "\(configuration.host):\(configuration.port) unreachable; retry backoff outlasts the deadline")
                }
                try await Task.sleep(for: .nanoseconds((until - .now()).nanoseconds))
            case .await(let attempt, let owner):
                do {
                    let connection = try await attempt.get()
                    if owner { connectionSucceeded(connection) }
                    return connection
                } catch {
                    if owner { connectionFailed(error) }
                    if NIODeadline.now() >= deadline || !configuration.waitsForConnection {
                        throw RPCError(
                            .unavailable,
                            "cannot connect to \(configuration.host):\(configuration.port) (\(Self.reason(error)))"
                        )
                    }
                }
            }
        }
    }

    private func nextStep() -> Step {
        state.withLock { state in
            switch state.connection {
            case .shutDown:
                return .refuse
            case .connected(let connection) where connection.isActive:
                return .use(connection)
            case .connecting(let attempt):
                return .await(attempt, owner: false)
            case .idle(let notBefore) where notBefore > .now():
                return .wait(until: notBefore)
            case .idle, .connected:
                let attempt = connect()
                state.connection = .connecting(attempt)
                return .await(attempt, owner: true)
            }
        }
    }

    private func connectionSucceeded(_ connection: ClientConnection) {
        state.withLock { state in
            guard case .connecting = state.connection else { return }
            state.connection = .connected(connection)
            state.backoff.reset()
        }
    }

    private func connectionFailed(_ error: any Error) {
        let delay: Duration? = state.withLock { state in
            guard case .connecting = state.connection else { return nil }
            let delay = state.backoff.delayAfterFailure()
            state.connection = .idle(notBefore: .now() + TimeAmount(delay))
            return delay
        }
        if let delay {
            logger.debug(
                "rpc.client.connect_failed",
                metadata: [
                    "rpc.target": "\(configuration.host):\(configuration.port)", "retry.delay": "\(delay)",
                    "error": "\(error)",
                ])
        }
    }

    /// "connection refused" rather than NIO's nested error descriptions, for one-line messages.
    static func reason(_ error: any Error) -> String {
        if let connection = error as? NIOConnectionError, let first = connection.connectionErrors.first {
            return reason(first.error)
        }
        if let io = error as? IOError {
            return String(cString: strerror(io.errnoCode)).lowercased()
        }
        return "\(error)"
    }

    private func connect() -> EventLoopFuture<ClientConnection> {
        let maximumFrameLength = configuration.maximumFrameLength
        let logger = self.logger
        let draining = DrainingFlag()
        return ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(FrameDecoder(maximumFrameLength: maximumFrameLength)),
                        RPCClientHandler(logger: logger, draining: draining)
                    )
                }
            }
            .connect(host: configuration.host, port: configuration.port)
            .map { ClientConnection(channel: $0, draining: draining) }
    }
}
