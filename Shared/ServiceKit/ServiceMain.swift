import Foundation
public import GRDB
import Identity
public import Logging
import Metrics
import NIOCore
public import Persistence
import PersonalData
import Prometheus
public import RPC
public import ServiceDirectory
public import ServiceLifecycle
import ServiceMetrics
import UnixSignals

/// What a service core gives its `@main`: its database schema, its RPC methods and any
/// long-running work of its own (a scheduler, an outbox sender).
public protocol ServiceDefinition: Sendable {
    static var name: ServiceName { get }
    static var migrations: [Migration] { get }

    /// The service's parts, built on its opened database; `identity` checks callers and signs the
    /// service's own calls.
    static func makeParts(
        database: DatabasePool,
        environment: ServiceEnvironment,
        identity: ServiceIdentity,
        logger: Logger
    ) throws -> ServiceParts
}

/// The RPC methods of a service and the background services that run beside its server; all of
/// them share one `ServiceGroup` and its graceful shutdown.
public struct ServiceParts: Sendable {
    public var router: RPCRouter
    public var background: [any Service]
    /// What `stats` reports, with the gauges the service sets.
    public var statistics: ServerStatistics

    public init(router: RPCRouter, background: [any Service] = [], statistics: ServerStatistics = ServerStatistics()) {
        self.router = router
        self.background = background
        self.statistics = statistics
    }
}

/// Runs a service process: configuration, logging, database, RPC server, and graceful shutdown on
/// SIGTERM or SIGINT. Only this creates loggers and bootstraps the logging backend.
public enum ServiceMain {
    /// Runs the service; with the single argument `public-key`, prints the public key of its
    /// issuer instead (creating the key file on first run), for the other services' trust configuration.
    public static func run<Definition: ServiceDefinition>(_ definition: Definition.Type) async {
        // What a service writes (databases, journals, keys) is its own: no one else on the machine
        // reads callers' data from it (个人信息保护法).
        umask(0o077)
        let variables = ProcessInfo.processInfo.environment
        var environment: ServiceEnvironment
        do {
            environment = try ServiceEnvironment(service: Definition.name, environment: variables)
        } catch {
            fail("suban-\(Definition.name.rawValue): \(error)", status: 2)
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["public-key"] {
            do {
                let issuer = try ServiceIdentity.issuer(
                    service: Definition.name, dataDirectory: environment.dataDirectory, environment: variables)
                standardOutput(issuer.publicKeyBase64)
                exit(0)
            } catch {
                fail("suban-\(Definition.name.rawValue): \(error)", status: 1)
            }
        }
        if Definition.self is any KeepsPersonalData.Type, arguments == ["personal-data-key", "rotate"] {
            PersonalDataKeyCommand.rotate(environment, variables: variables)
        }
        guard arguments.isEmpty else {
            let commands =
                ["public-key"] + (Definition.self is any KeepsPersonalData.Type ? [PersonalDataKeyCommand.usage] : [])
            fail(
                "unexpected arguments \(arguments); the commands are \(commands.joined(separator: " and ")), and the rest is configured by environment",
                status: 2
            )
        }
        let identity: ServiceIdentity
        do {
            identity = try ServiceIdentity(
                service: Definition.name, dataDirectory: environment.dataDirectory, environment: variables)
        } catch {
            fail("suban-\(Definition.name.rawValue): \(error)", status: 2)
        }
        let level = environment.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label, metadataProvider: .callTrace)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "suban.\(Definition.name.rawValue)")
        let tracing: (any Service)?
        do {
            tracing = try bootstrapTracing(service: Definition.name, endpoint: environment.otlpEndpoint, logger: logger)
        } catch {
            fail("suban-\(Definition.name.rawValue): SUBAN_OTLP_ENDPOINT: \(error)", status: 2)
        }
        let metricsRegistry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusBackend.makeFactory(registry: metricsRegistry))
        for line in environment.effectiveConfiguration + identity.effectiveConfiguration {
            standardOutput("config \(line)")
        }

        do {
            // The database first: a read-only or full data folder is named as such, not as a key
            // file that cannot be written in it.
            let database = try ServiceDatabase.open(
                directory: environment.dataDirectory,
                name: Definition.name.rawValue,
                migrations: Definition.migrations
            )
            if Definition.self is any KeepsPersonalData.Type {
                do {
                    let keys = try environment.personalDataKeys(variables)
                    environment.personalData = keys
                    let source = environment.personalDataSource(variables)
                    standardOutput(
                        "config \(keys.configurationLine(prefix: Definition.name.environmentPrefix, source: source))")
                } catch {
                    fail("suban-\(Definition.name.rawValue): \(error)", status: 2)
                }
            }
            let parts = try Definition.makeParts(
                database: database, environment: environment, identity: identity, logger: logger)
            let server = RPCServer(
                configuration: RPCServer.Configuration(
                    host: environment.host,
                    port: environment.port,
                    maximumFrameLength: environment.maximumFrameLength,
                    idleTimeout: environment.rpcIdleTimeout,
                    maximumCallsInFlight: environment.rpcMaximumCallsInFlight
                ),
                identity: RPCServer.Identity(service: Definition.name.rawValue, version: SubanVersion.current),
                router: parts.router,
                logger: logger,
                errorTranslator: StorageErrors.translator(databasePath: database.path),
                statistics: parts.statistics
            )
            let metrics = try metricsServices(
                environment.metrics, registry: metricsRegistry, database: database, logger: logger)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    // The exporter first, so that it stops last and sends the spans of the shutdown.
                    services: ([tracing].compactMap { $0 } + [server, ReadinessAnnouncer(server: server)] + metrics
                        + parts.background).map {
                            .init(service: $0)
                        },
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            try await group.run()
        } catch {
            logger.critical("service.failed", metadata: ["error": "\(error)"])
            exit(1)
        }
    }
}

/// Prints `ready <address>` (or `metrics-ready <address>`) on standard output once a server
/// listens, for scripts and tests that start services on port 0.
struct ReadinessAnnouncer: Service {
    let prefix: String
    let address: @Sendable () async throws -> SocketAddress

    init(server: RPCServer) {
        prefix = "ready"
        address = { try await server.listeningAddress }
    }

    func run() async throws {
        let address = try await address()
        standardOutput("\(prefix) \(address.ipAddress ?? "?"):\(address.port ?? 0)")
        try? await gracefulShutdown()
    }
}

/// Says why the process cannot start, and exits.
func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
}

extension ServiceMain {
    /// Prints a line a script or test waits for (`http-ready 127.0.0.1:8080`, `config …`) on
    /// standard output, at once.
    public static func announce(_ line: String) {
        standardOutput(line)
    }
}

/// Unbuffered, so that a script reading the pipe sees each line at once.
func standardOutput(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
