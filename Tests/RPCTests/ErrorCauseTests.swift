import NIOCore
import RPC
import TestSupport
import Testing
import WireProtocol

/// A service throws its own error; it reaches the caller as the status it converts to, and what
/// lies underneath (the cause) is written to the server's log with the call's trace id only.
@Suite("RPC error causes")
struct ErrorCauseTests {
    /// A domain error as a service would define it, converting itself at the one boundary.
    struct OrderClosed: RPCErrorConvertible {
        var orderID: String
        var rpcError: RPCError {
            RPCError(
                .failedPrecondition, "order \(orderID) is closed",
                cause: StoredState(detail: "sqlite row 42 state=closed secret-detail"))
        }
    }

    struct StoredState: Error {
        var detail: String
    }

    @Test func aDomainErrorReachesTheCallerWithItsStatusAndItsCauseOnlyInTheServerLog() async throws {
        var router = RPCRouter()
        router.register("test.close") { (_: HealthRequest, _) -> HealthResponse in throw OrderClosed(orderID: "WO-1") }
        let capture = LogCapture()
        try await withServer(router, logger: capture.logger()) { _, port in
            let client = makeTestClient(port: port)
            let refused = await #expect(throws: RPCError.self) {
                _ = try await client.call("test.close", HealthRequest(), as: HealthResponse.self, traceID: "t-cause")
            }
            await client.shutdown()
            #expect(refused?.code == .failedPrecondition)
            #expect(refused?.message == "order WO-1 is closed")
            #expect(refused?.cause == nil)
            #expect(refused.map { "\($0)".contains("secret-detail") } == false)
            let logged = capture.entries("rpc.call.failed")
            #expect(logged.count == 1)
            #expect(logged.first?.metadata["trace.id"] == "t-cause")
            #expect(logged.first?.metadata["rpc.status"] == "failed_precondition")
            #expect(logged.first?.metadata["error.cause"]?.contains("secret-detail") == true)
        }
    }

    @Test func aCallInProcessDropsTheCauseAsTheWireWould() async throws {
        var router = RPCRouter()
        router.register("test.close") { (_: HealthRequest, _) -> HealthResponse in throw OrderClosed(orderID: "WO-2") }
        let capture = LogCapture()
        let refused = await #expect(throws: RPCError.self) {
            _ = try await router.call("test.close", HealthRequest(), as: HealthResponse.self, logger: capture.logger())
        }
        #expect(refused?.code == .failedPrecondition)
        #expect(refused?.cause == nil)
        #expect(capture.lines(containing: "secret-detail").count == 1)
    }

    @Test func equalityIgnoresTheCause() {
        #expect(RPCError(.notFound, "x", cause: StoredState(detail: "a")) == RPCError(.notFound, "x"))
    }
}
