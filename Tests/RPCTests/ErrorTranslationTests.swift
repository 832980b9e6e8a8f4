import NIOCore
import RPC
import TestSupport
import Testing
import WireProtocol

/// A layer below RPC (storage) maps its errors through the server's translator; the answer keeps
/// the trace id, and untranslated errors stay generic.
@Suite("RPC error translation")
struct ErrorTranslationTests {
    struct DiskFull: Error {}

    @Test func aTranslatedErrorReachesTheCallerWithItsStatusAndTraceID() async throws {
        var router = RPCRouter()
        router.register("test.write") { (_: HealthRequest, _) -> HealthResponse in throw DiskFull() }
        router.register("test.crash") { (_: HealthRequest, _) -> HealthResponse in throw CancellationError() }
        let server = RPCServer(
            configuration: RPCServer.Configuration(),
            identity: RPCServer.Identity(service: "test", version: "test"),
            router: router,
            logger: .quiet,
            errorTranslator: { error in
                error is DiskFull
                    ? RPCServer.TranslatedError(
                        RPCError(.unavailable, "storage unavailable: /var/x.sqlite: database or disk is full")) : nil
            }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            let client = makeTestClient(port: try #require(try await server.listeningAddress.port))
            let full = await #expect(throws: RPCError.self) {
                _ = try await client.call("test.write", HealthRequest(), as: HealthResponse.self, traceID: "t-9")
            }
            #expect(full?.code == .unavailable)
            #expect(full?.message == "storage unavailable: /var/x.sqlite: database or disk is full (trace id t-9)")
            let other = await #expect(throws: RPCError.self) {
                _ = try await client.call("test.crash", HealthRequest(), as: HealthResponse.self, traceID: "t-10")
            }
            #expect(other?.code == .internal)
            #expect(other?.message == "internal error (trace id t-10)")
            await client.shutdown()
        }
    }
}
