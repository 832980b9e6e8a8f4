import NIOCore
import RPC
import TestSupport
import Testing
import WireProtocol

/// A call's deadline is enforced while its handler runs: the caller hears `deadline_exceeded`
/// when it passes, the handler's task is cancelled, and a late result is never sent.
@Suite("RPC deadlines while a call runs", .timeLimit(.minutes(1)))
struct RPCDeadlineTests {
    static func request(callID: UInt64, method: String, timeoutMilliseconds: Int64? = nil) throws -> Envelope {
        var request = try FrameConnection.request(callID: callID, method: method, EchoService.request("call-\(callID)"))
        if let timeoutMilliseconds {
            request.headers.append(Header(name: Header.timeoutMilliseconds, value: "\(timeoutMilliseconds)"))
        }
        return request
    }

    @Test(arguments: [1, 10, 50] as [Int64])
    func aWaitingHandlerIsCancelledAndTheCallerHearsDeadlineExceeded(deadlineMilliseconds: Int64) async throws {
        let cancelled = Gate()
        var router = EchoService.router()
        router.register("test.wait_for_cancellation") { (request: HealthResponse, _) in
            // Waits on an event that only cancellation brings, as a handler blocked on I/O would.
            let release = Gate()
            await withTaskCancellationHandler {
                await release.wait()
            } onCancel: {
                cancelled.open()
                release.open()
            }
            return request
        }
        try await withTestServer(router) { _, port in
            try await FrameConnection.with(port: port) { raw in
                let sent = ContinuousClock.now
                try await raw.send(
                    Self.request(
                        callID: 1, method: "test.wait_for_cancellation", timeoutMilliseconds: deadlineMilliseconds))
                let answer = try #require(try await raw.receive())
                let waited = ContinuousClock.now - sent
                #expect(answer.callID == 1)
                #expect(answer.status == .deadlineExceeded)
                // Generous for a loaded machine; before deadlines were enforced, this call never ended.
                #expect(waited < .milliseconds(deadlineMilliseconds) + .seconds(2), "answered after \(waited)")
                if answer.statusMessage == "deadline passed while test.wait_for_cancellation ran" {
                    await cancelled.wait()
                } else {
                    // On a stalled machine a 1 ms budget may be spent before the handler starts: then it never runs.
                    #expect(answer.statusMessage == "deadline passed before test.wait_for_cancellation started")
                }

                // The handler's late result is dropped: the next frame answers the next call.
                try await raw.send(Self.request(callID: 2, method: "test.echo"))
                let next = try #require(try await raw.receive())
                #expect(next.callID == 2)
                #expect(next.status == .ok)
            }
        }
    }

    @Test func aHandlerThatIgnoresCancellationDoesNotHoldTheAnswerBack() async throws {
        let gate = Gate()
        let reached = Gate()
        try await withTestServer(EchoService.router(slowGate: gate, reached: reached)) { _, port in
            try await FrameConnection.with(port: port) { raw in
                // Whatever fails below, the handler must not stay blocked.
                defer { gate.open() }
                try await raw.send(Self.request(callID: 1, method: "test.slow", timeoutMilliseconds: 20))
                await reached.wait()
                let answer = try #require(try await raw.receive())
                #expect(answer.callID == 1)
                #expect(answer.status == .deadlineExceeded)
                #expect(answer.statusMessage == "deadline passed while test.slow ran")
                #expect(answer.header(Header.traceID)?.isEmpty == false)

                gate.open()  // the handler now returns; its result must not reach the wire
                try await raw.send(Self.request(callID: 2, method: "test.echo"))
                let next = try #require(try await raw.receive())
                #expect(next.callID == 2)
                #expect(next.status == .ok)
            }
        }
    }

    @Test(arguments: ["9223372036854775807", "-9223372036854775808", "86400001"])
    func anExtremeTimeoutHeaderIsClampedNotTrapped(timeout: String) async throws {
        try await withTestServer(EchoService.router()) { _, port in
            try await FrameConnection.with(port: port) { raw in
                var request = try FrameConnection.request(callID: 1, method: "test.echo", EchoService.request("x"))
                request.headers = [Header(name: Header.timeoutMilliseconds, value: timeout)]
                try await raw.send(request)
                let answer = try #require(try await raw.receive())
                #expect(answer.callID == 1)
                #expect(timeout.hasPrefix("-") ? answer.status == .deadlineExceeded : answer.status == .ok)
            }
        }
    }
}
