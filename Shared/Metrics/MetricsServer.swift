public import Logging
public import NIOCore
import NIOHTTP1
public import NIOPosix
public import Prometheus
public import ServiceLifecycle

/// Serves `GET /metrics` in the Prometheus text format over plain HTTP/1, from one
/// `PrometheusCollectorRegistry`: the scrape endpoint every service runs beside its RPC server.
///
/// One request per connection (the answer closes it): a scraper asks once every few seconds, so
/// keep-alive would save nothing and only keep connections open across a shutdown.
public final class MetricsServer: Service {
    /// Where the endpoint listens; port 0 picks a free one.
    public struct Configuration: Sendable, Equatable {
        public var host: String
        public var port: Int
        /// A connection that sends nothing for this long is closed.
        public var idleTimeout: Duration

        public init(host: String, port: Int, idleTimeout: Duration = .seconds(10)) {
            self.host = host
            self.port = port
            self.idleTimeout = idleTimeout
        }
    }

    /// An error of `run()`: the socket was bound but reports no local address.
    public struct NoLocalAddress: Error {}

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let configuration: Configuration
    let registry: PrometheusCollectorRegistry
    let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let address: EventLoopPromise<SocketAddress>

    public init(
        configuration: Configuration,
        registry: PrometheusCollectorRegistry,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.registry = registry
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.address = eventLoopGroup.any().makePromise()
    }

    /// The bound address, once `run()` has bound the socket; throws when binding failed.
    public var listeningAddress: SocketAddress {
        get async throws { try await address.futureResult.get() }
    }

    public func run() async throws {
        let serverChannel: NIOAsyncChannel<Connection, Never>
        let localAddress: SocketAddress
        do {
            serverChannel = try await bind()
            guard let bound = serverChannel.channel.localAddress else { throw NoLocalAddress() }
            localAddress = bound
        } catch {
            address.fail(error)
            throw error
        }
        address.succeed(localAddress)
        logger.info("metrics.server.listening", metadata: ["metrics.address": "\(localAddress)"])
        // Nothing a scrape does needs finishing: on shutdown the listener and any open scrape
        // are cancelled.
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    try await serverChannel.executeThenClose { connections in
                        for try await connection in connections {
                            group.addTask { await self.serve(connection) }
                        }
                    }
                }
            }
        } catch is CancellationError {
            // Shut down: the normal end.
        }
        logger.info("metrics.server.stopped", metadata: ["metrics.address": "\(localAddress)"])
    }

    private func bind() async throws -> NIOAsyncChannel<Connection, Never> {
        let idleTimeout = TimeAmount(configuration.idleTimeout)
        return try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        IdleStateHandler(readTimeout: idleTimeout), IdleClose())
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }
}
