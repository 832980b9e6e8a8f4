public import Logging
import NIOCore
public import RPC
public import Tracing

/// Runs an `RPCServer` on 127.0.0.1 for the duration of `body` and always shuts it down,
/// also when `body` throws. Spans go to `tracer` (none by default: no process-wide tracer in tests).
public func withTestServer<Result: Sendable>(
    _ router: RPCRouter,
    configuration: RPCServer.Configuration = RPCServer.Configuration(),
    service: String = "test",
    tracer: any Tracer = NoOpTracer(),
    _ body: (RPCServer, Int) async throws -> Result
) async throws -> Result {
    let server = RPCServer(
        configuration: configuration,
        identity: RPCServer.Identity(service: service, version: "test"),
        router: router,
        logger: .quiet,
        tracer: tracer
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        defer { group.cancelAll() }
        let port = try await server.listeningAddress.port!
        return try await body(server, port)
    }
}

/// A client of a test server on 127.0.0.1, calling with `credentials` (none unless given).
public func makeTestClient(
    port: Int,
    timeout: Duration = .seconds(5),
    maximumFrameLength: Int = 4 << 20,
    credentials: (any CallCredentials)? = nil,
    tracer: any Tracer = NoOpTracer()
) -> RPCClient {
    RPCClient(
        configuration: RPCClient.Configuration(
            host: "127.0.0.1",
            port: port,
            maximumFrameLength: maximumFrameLength,
            defaultTimeout: timeout
        ),
        logger: .quiet,
        credentials: credentials,
        tracer: tracer
    )
}

extension Logger {
    /// A logger that discards everything: tests assert on behaviour, not on log lines, and keep
    /// no process-wide logging state.
    public static var quiet: Logger { Logger(label: "test") { _ in SwiftLogNoOpLogHandler() } }
}
