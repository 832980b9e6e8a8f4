import Logging
import NIOCore
import RPC

/// Runs an `RPCServer` with the given logger for the duration of `body` and always shuts it
/// down, for tests that read what the server logged.
func withServer<Result: Sendable>(
    _ router: RPCRouter,
    configuration: RPCServer.Configuration = RPCServer.Configuration(),
    logger: Logger,
    _ body: (RPCServer, Int) async throws -> Result
) async throws -> Result {
    let server = RPCServer(
        configuration: configuration,
        identity: RPCServer.Identity(service: "test", version: "test"),
        router: router,
        logger: logger
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        defer { group.cancelAll() }
        guard let port = try await server.listeningAddress.port else { throw ChannelError.unknownLocalAddress }
        return try await body(server, port)
    }
}
