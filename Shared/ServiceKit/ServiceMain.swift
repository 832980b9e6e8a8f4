import Foundation
public import GRDB
public import Logging
public import Persistence
public import RPC
import NIOCore
import ServiceLifecycle
import UnixSignals

/// What a service core gives its `@main`: its database schema and its RPC methods.
public protocol ServiceDefinition: Sendable {
    static var name: ServiceName { get }
    static var migrations: [Migration] { get }

    /// The RPC methods, with the service's opened database.
    static func makeRouter(database: DatabasePool, environment: ServiceEnvironment, logger: Logger) throws -> RPCRouter
}

/// Runs a service process: configuration, logging, database, RPC server, and graceful shutdown on
/// SIGTERM or SIGINT. Only this creates loggers and bootstraps the logging backend.
public enum ServiceMain {
    public static func run<Definition: ServiceDefinition>(_ definition: Definition.Type) async {
        let environment: ServiceEnvironment
        do {
            environment = try ServiceEnvironment(service: Definition.name, environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("suban-\(Definition.name.rawValue): \(error)\n".utf8))
            exit(2)
        }
        let level = environment.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "suban.\(Definition.name.rawValue)")
        for line in environment.effectiveConfiguration {
            standardOutput("config \(line)")
        }

        do {
            let database = try ServiceDatabase.open(
                directory: environment.dataDirectory,
                name: Definition.name.rawValue,
                migrations: Definition.migrations
            )
            let server = RPCServer(
                configuration: RPCServer.Configuration(
                    host: environment.host,
                    port: environment.port,
                    maximumFrameLength: environment.maximumFrameLength
                ),
                identity: RPCServer.Identity(service: Definition.name.rawValue, version: SubanVersion.current),
                router: try Definition.makeRouter(database: database, environment: environment, logger: logger),
                logger: logger
            )
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: server), .init(service: ReadinessAnnouncer(server: server))],
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

/// Prints `ready <address>` on standard output once the server listens, for scripts and tests
/// that start services on port 0.
struct ReadinessAnnouncer: Service {
    let server: RPCServer

    func run() async throws {
        let address = try await server.listeningAddress
        standardOutput("ready \(address.ipAddress ?? "?"):\(address.port ?? 0)")
        try? await gracefulShutdown()
    }
}

/// Unbuffered, so that a script reading the pipe sees each line at once.
func standardOutput(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
