import InMemoryTracing
import Instrumentation
import RPC
import TestSupport
import Testing
import Traces
import Tracing
import WireProtocol

/// A call's trace goes from the client to the server in the envelope's W3C headers: the server's
/// span is a child of the client's, and the handler sees the caller's trace id.
@Suite("RPC call tracing")
struct CallTracingTests {
    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"

    @Test func theServerSpanIsAChildOfTheClientSpanThroughTheEnvelope() async throws {
        let tracer = InMemoryTracer()
        try await withTestServer(EchoService.router(), tracer: tracer) { _, port in
            let client = makeTestClient(port: port, tracer: tracer)
            _ = try await client.call("test.trace", HealthRequest(), as: HealthResponse.self)
            await client.shutdown()
        }
        let spans = tracer.finishedSpans
        let clientSpan = try #require(spans.first { $0.kind == .client })
        let serverSpan = try #require(spans.first { $0.kind == .server })
        #expect(clientSpan.operationName == "test.trace")
        #expect(serverSpan.operationName == "test.trace")
        #expect(serverSpan.traceID == clientSpan.traceID)
        #expect(serverSpan.parentSpanID == clientSpan.spanID)
        #expect(serverSpan.attributes.get("rpc.system") == .string("suban"))
        #expect(serverSpan.attributes.get("rpc.service") == .string("test"))
        #expect(serverSpan.attributes.get("rpc.method") == .string("trace"))
        #expect(serverSpan.attributes.get("rpc.response.status_code") == .string("ok"))
        #expect(clientSpan.attributes.get("rpc.response.status_code") == .string("ok"))
    }

    @Test func aFailedCallMarksBothSpansAndNamesItsTraceID() async throws {
        let tracer = InMemoryTracer()
        let error = try await withTestServer(EchoService.router(), tracer: tracer) { _, port in
            let client = makeTestClient(port: port, tracer: tracer)
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call("test.crash", HealthRequest(), as: HealthResponse.self)
            }
            await client.shutdown()
            return error
        }
        let spans = tracer.finishedSpans
        #expect(spans.count == 2)
        #expect(spans.allSatisfy { $0.status?.code == .error })
        #expect(spans.allSatisfy { $0.attributes.get("rpc.response.status_code") == .string("internal") })
        let traceID = try #require(error?.traceID)
        #expect(TracePropagation.isTraceID(traceID))
        #expect(error?.message == "internal error (trace id \(traceID))")
    }

    @Test func theCallersW3CTraceIDIsTheHandlersTraceID() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            let client = makeTestClient(port: port)
            var context = ServiceContext.topLevel
            context.callTraceID = Self.traceID
            let seen = try await ServiceContext.withValue(context) {
                try await client.call("test.trace", HealthRequest(), as: HealthResponse.self).service
            }
            #expect(seen == Self.traceID)
            await client.shutdown()
        }
    }

    @Test func aTraceparentHeaderNamesTheTraceIDOfAnErrorAnswer() async throws {
        try await withTestServer(EchoService.router()) { _, port in
            try await FrameConnection.with(port: port) { raw in
                let parent = "00-\(Self.traceID)-00f067aa0ba902b7-01"
                var request = try FrameConnection.request(callID: 7, method: "test.crash", HealthRequest())
                request.headers.append(Header(name: TracePropagation.traceParent, value: parent))
                try await raw.send(request)
                let answer = try #require(try await raw.receive())
                #expect(answer.header(Header.traceID) == Self.traceID)
                #expect(answer.statusMessage == "internal error (trace id \(Self.traceID))")
            }
        }
    }
}
