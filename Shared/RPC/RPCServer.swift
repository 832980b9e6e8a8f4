public import Logging
public import NIOCore
public import NIOPosix
public import ServiceLifecycle
import Synchronization
public import Tracing
import WireProtocol

import struct Foundation.Date

/// Serves RPC methods over plain TCP: length-prefixed `Envelope` frames, many calls in flight
/// per connection, answered in any order and matched by call id.
///
/// Every server answers `health` and `stats`. On graceful shutdown it stops accepting, tells each
/// connection so, answers the calls in flight, refuses the calls that arrive later with
/// `unavailable` without running them, and closes each connection once its peer has its answers
/// (at most `shutdownGracePeriod` later).
public final class RPCServer: Service {
    /// Who answers `health`.
    public struct Identity: Sendable {
        public var service: String
        public var version: String

        public init(service: String, version: String) {
            self.service = service
            self.version = version
        }
    }

    let configuration: Configuration
    let identity: Identity
    let router: RPCRouter
    let logger: Logger
    let errorTranslator: ErrorTranslator?
    public let statistics: ServerStatistics
    /// Records a server span per call, continuing the caller's trace.
    let tracer: any Tracer
    private let eventLoopGroup: any EventLoopGroup
    private let address: EventLoopPromise<SocketAddress>
    private let shuttingDown = Atomic<Bool>(false)
    let protocolViolations: ProtocolViolationLog

    /// - Parameters:
    ///   - errorTranslator: how handler errors that are not `RPCErrorConvertible` reach the wire
    ///     (see `ErrorTranslator`).
    ///   - statistics: where `stats` reads from; a service that sets gauges passes its own.
    ///   - tracer: records the calls' server spans; the process's bootstrapped one by default.
    public init(
        configuration: Configuration,
        identity: Identity,
        router: RPCRouter,
        logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        errorTranslator: ErrorTranslator? = nil,
        statistics: ServerStatistics = ServerStatistics(),
        tracer: any Tracer = InstrumentationSystem.tracer
    ) {
        self.statistics = statistics
        self.tracer = tracer
        self.configuration = configuration
        self.identity = identity
        self.logger = logger
        self.errorTranslator = errorTranslator
        self.eventLoopGroup = eventLoopGroup
        self.address = eventLoopGroup.any().makePromise()
        self.protocolViolations = ProtocolViolationLog(
            logger: logger, linesPerMinute: configuration.protocolViolationLogLimit)
        var router = router
        router.addHealthAndStats(identity: identity, statistics: statistics)
        self.router = router
    }

    /// The bound address, once `run()` has bound the socket; throws when binding failed.
    public var listeningAddress: SocketAddress {
        get async throws { try await address.futureResult.get() }
    }

    public func run() async throws {
        let serverChannel: NIOAsyncChannel<Connection, Never>
        do {
            serverChannel = try await bind()
        } catch {
            address.fail(error)
            throw error
        }
        guard let localAddress = serverChannel.channel.localAddress else {
            address.fail(ChannelError.unknownLocalAddress)
            try? await serverChannel.channel.close()
            throw ChannelError.unknownLocalAddress
        }
        address.succeed(localAddress)
        logger.info(
            "rpc.server.listening",
            metadata: ["rpc.address": "\(localAddress)", "rpc.methods": "\(router.methods.joined(separator: ","))"]
        )

        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await serverChannel.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            self.beginShutdown()
            serverChannel.channel.close(promise: nil)
        }
        logger.info("rpc.server.stopped", metadata: ["rpc.address": "\(localAddress)"])
    }

    /// Whether graceful shutdown has begun: calls read from now on are refused.
    var isShuttingDown: Bool { shuttingDown.load(ordering: .acquiring) }

    func beginShutdown() {
        shuttingDown.store(true, ordering: .releasing)
    }

    /// One accepted connection: its channel, its peer, and the calls it has running.
    struct Connection: Sendable {
        var channel: NIOAsyncChannel<AdmittedFrame, ByteBuffer>
        /// Read on accepting: once the channel has closed it no longer knows, and a peer that
        /// breaks the protocol is logged after that.
        var peer: String
        var calls: ConnectionCalls
    }

    private func bind() async throws -> NIOAsyncChannel<Connection, Never> {
        let configuration = self.configuration
        return try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let calls = ConnectionCalls(limit: configuration.maximumCallsInFlight)
                    let peer = channel.remoteAddress.map { "\($0)" } ?? "unknown"
                    try self.addConnectionHandlers(to: channel.pipeline.syncOperations, calls: calls, peer: peer)
                    let asyncChannel = try NIOAsyncChannel<AdmittedFrame, ByteBuffer>(
                        wrappingChannelSynchronously: channel)
                    return Connection(channel: asyncChannel, peer: peer, calls: calls)
                }
            }
    }

    /// A connection's handlers, ahead of the task that runs its calls.
    func addConnectionHandlers(to pipeline: ChannelPipeline.SynchronousOperations, calls: ConnectionCalls, peer: String)
        throws
    {
        if let idleTimeout = configuration.idleTimeout {
            try pipeline.addHandler(
                IdleTimeoutHandler(
                    timeout: TimeAmount(idleTimeout), grace: TimeAmount(configuration.shutdownGracePeriod),
                    calls: calls, logger: logger
                )
            )
        }
        try pipeline.addHandlers(
            // Calls answered on the event loop skip the task's writer, which waits while the peer
            // reads nothing: without this, a peer that sends and never reads would grow the
            // connection's unsent answers without bound. No reading while they cannot be sent.
            BackPressureHandler(),
            ByteToMessageHandler(FrameDecoder(maximumFrameLength: configuration.maximumFrameLength)),
            CallAdmissionHandler(server: self, calls: calls, peer: peer)
        )
    }
}

extension RPCRouter {
    mutating func addHealthAndStats(identity: RPCServer.Identity, statistics: ServerStatistics) {
        let started = ContinuousClock.now
        let startedAtUnixMilliseconds = Int64(Date().timeIntervalSince1970 * 1000)
        // Immediate: a probe is answered by the event loop even while every task is busy.
        registerImmediate(Wire.Server.health) { _, _ in
            HealthResponse(
                service: identity.service,
                status: .serving,
                version: identity.version,
                startedAtUnixMilliseconds: startedAtUnixMilliseconds,
                uptimeMilliseconds: (ContinuousClock.now - started).milliseconds
            )
        }
        registerImmediate(Wire.Server.stats) { _, _ in
            statistics.snapshot(service: identity.service)
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
