import RPC
import TestSupport
import Testing
import WireProtocol

/// Staff quote the trace id of an error to the administrator, who finds the call in the logs by
/// it: it is never empty, whoever made the call.
@Suite("RPC trace ids")
struct TraceIDTests {
    @Test func aCallerThatNamesNoTraceIDStillSendsOneOfItsOwnPerCall() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            let client = makeTestClient(port: port)
            let first = try await client.call("test.trace", HealthRequest(), as: HealthResponse.self).service
            let second = try await client.call("test.trace", HealthRequest(), as: HealthResponse.self).service
            let named = try await client.call("test.trace", HealthRequest(), as: HealthResponse.self, traceID: "t-1")
                .service
            #expect(!first.isEmpty)
            #expect(!second.isEmpty)
            #expect(first != second)
            #expect(named == "t-1")
            await client.shutdown()
        }
    }

    @Test func anInternalErrorQuotesANonEmptyTraceID() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            let client = makeTestClient(port: port)
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call("test.crash", HealthRequest(), as: HealthResponse.self)
            }
            let message = try #require(error?.message)
            #expect(message.hasPrefix("internal error (trace id "))
            #expect(message != "internal error (trace id )")
            await client.shutdown()
        }
    }

    @Test func theServerMakesUpATraceIDForACallThatCarriesNone() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            try await FrameConnection.with(port: port) { raw in
                try await raw.send(FrameConnection.request(callID: 7, method: "test.crash", HealthRequest()))
                let answer = try #require(try await raw.receive())
                #expect(answer.status == .internal)
                let traceID = try #require(answer.header(Header.traceID))
                #expect(!traceID.isEmpty)
                #expect(answer.statusMessage == "internal error (trace id \(traceID))")
            }
        }
    }
}
