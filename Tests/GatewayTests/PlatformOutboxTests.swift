import Foundation
import PlatformAdapter
import PlatformSimulatorCore
import RPC
import Synchronization
import TestSupport
import Testing
import WireProtocol

@testable import GatewayCore

/// Outbound messages wait in the outbox while the platform is down, reach it once it is back, in
/// order, each exactly once, and a delivered message is never sent again.
@Suite("Platform outbox")
struct PlatformOutboxTests {
    /// Lines the simulator printed, for failure messages.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    static func simulator(gateway: HTTPEndpoint, port: Int, lines: Lines) -> PlatformSimulator {
        var configuration = SimulatorConfiguration(
            gateway: gateway, appKey: GatewayFixture.platformKey, secret: GatewayFixture.platformSecret,
            inboundCredentials: PlatformCredentials([GatewayFixture.outboundKey: GatewayFixture.outboundSecret])
        )
        configuration.port = port
        configuration.autoRespond = false
        return PlatformSimulator(configuration: configuration, output: lines.append)
    }

    /// Runs the simulator's server for the duration of `body`; returns once it stopped listening.
    static func withSimulator<T: Sendable>(_ simulator: PlatformSimulator, _ body: (Int) async throws -> T)
        async throws -> T
    {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                // A server that cannot start ends the stream, so that the test fails instead of waiting.
                defer { continuation.finish() }
                try await simulator.runServer(logger: .quiet) { _, port in continuation.yield(port) }
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let result = try await body(port)
            group.cancelAll()
            while (try await group.next()) != nil {}
            return result
        }
    }

    static func message(_ id: String, order: String, kind: String, text: String = "", parent: String = "")
        -> Wire.EnqueuePlatformMessageRequest
    {
        Wire.EnqueuePlatformMessageRequest(
            message: Wire.PlatformMessage(
                messageId: id, orderId: "WO-\(order)", platformOrderNumber: order, channel: "hotline_12345", kind: kind,
                text: text,
                reason: "不属于本单位职责", legalBasis: "《三门峡市12345热线管理办法》第十条", days: 5, resultCode: "solved",
                attachmentUris: ["https://files.example.cn/a.pdf"], actorId: "li", atUnixMs: 1_764_207_000_000,
                parentOrderNumber: parent
            ))
    }

    @Test func messagesWaitOutAnOutageAndArriveOnceEachInOrder() async throws {
        let lines = Lines()
        // A port below the ephemeral range: the servers other tests start on port 0 cannot take it
        // while the platform is down.
        let platformPort = try await SystemTestPorts.free()

        try await GatewayFixture.run({ $0.platformURL = HTTPEndpoint(host: "127.0.0.1", port: platformPort) }) {
            gateway in
            let requests = [
                Self.message("m1", order: "OUT-1", kind: "acknowledgement"),
                Self.message("m2", order: "OUT-1", kind: "progress", text: "承办单位已开始办理"),
                Self.message("m3", order: "OUT-2", kind: "extension_request"),
                Self.message("m4", order: "OUT-1", kind: "reply", text: "已补发工资"),
                Self.message("m5", order: "OUT-2", kind: "merged", text: "已并入工单 OUT-1 合并办理", parent: "OUT-1"),
            ]
            for request in requests {
                #expect(try gateway.handlers.enqueue(request).enqueued)
            }
            #expect(try gateway.handlers.enqueue(requests[0]).enqueued == false)  // the same id twice is stored once

            // The platform is down: wait until a delivery attempt failed.
            var attempts = gateway.attempts.makeAsyncIterator()
            while let attempt = await attempts.next(), attempt.2 {
                Issue.record("delivered while the platform was down: \(attempt)")
            }
            let pending = try await gateway.handlers.list(Wire.ListOutboxRequest())
            #expect(pending.entries.count == 5)
            #expect(pending.entries.allSatisfy { $0.state != "delivered" })

            // The platform comes back on the same port.
            let simulator = Self.simulator(gateway: gateway.endpoint, port: platformPort, lines: lines)
            // The platform stays up until the gateway has heard its answer to each: one it stopped
            // answering would be sent again, to a platform that is down.
            var delivered: Set<Int64> = []
            try await Self.withSimulator(simulator) { _ in
                while delivered.count < 5, let attempt = await attempts.next() {
                    if attempt.2 { delivered.insert(attempt.1) }
                }
            }
            let received = simulator.received
            #expect(
                received.map(\.messageID).sorted() == ["m1", "m2", "m3", "m4", "m5"], "\(lines.lines.withLock { $0 })")
            #expect(received.allSatisfy { !$0.duplicate })
            #expect(received.filter { $0.orderNumber == "OUT-1" }.map(\.messageID) == ["m1", "m2", "m4"])
            let reply = try #require(received.first { $0.messageID == "m4" })
            #expect(reply.kind == .reply)
            #expect(reply.body["result_code"]?.stringValue == "solved")
            #expect(
                reply.body["attachments"]?.arrayValue?.first?["url"]?.stringValue == "https://files.example.cn/a.pdf")
            let extensionRequest = try #require(received.first { $0.messageID == "m3" })
            #expect(extensionRequest.body["days"]?.integerValue == 5)
            #expect(extensionRequest.body["legal_basis"]?.stringValue == "《三门峡市12345热线管理办法》第十条")

            let merged = try #require(received.first { $0.messageID == "m5" })
            #expect(merged.kind == .merged && merged.body["parent_order_no"]?.stringValue == "OUT-1")

            let listed = try await gateway.handlers.list(Wire.ListOutboxRequest(state: "delivered"))
            #expect(listed.entries.count == 5)
            #expect(try await gateway.handlers.list(Wire.ListOutboxRequest()).entries.isEmpty)
            let first = try #require(listed.entries.first { $0.summary == "acknowledgement OUT-1" })
            await #expect(throws: RPCError.self) {
                try await gateway.handlers.retry(Wire.RetryOutboxRequest(id: first.id))
            }
        }
    }

    @Test func anIncompleteMessageIsRefusedWithFieldErrors() async throws {
        try await GatewayFixture.run { gateway in
            var request = Self.message("bad", order: "OUT-3", kind: "return_request")
            request.message?.reason = ""
            request.message?.channel = "hotline_12333"
            let error = try #require(throws: RPCError.self) { try gateway.handlers.enqueue(request) }
            #expect(Set(error.fieldViolations.map(\.field)) == ["message.reason", "message.channel"])
            #expect(try await gateway.handlers.list(Wire.ListOutboxRequest()).entries.isEmpty)
        }
    }

    @Test func aMessageThatKeepsFailingIsListedAsFailingAndCanBeRetried() async throws {
        // Nothing listens on port 9 of loopback: every attempt fails.
        try await GatewayFixture.run({
            $0.platformURL = HTTPEndpoint(host: "127.0.0.1", port: 9)
            $0.failingAfterAttempts = 2
        }) { gateway in
            _ = try gateway.handlers.enqueue(Self.message("f1", order: "FAIL-1", kind: "acknowledgement"))
            var attempts = gateway.attempts.makeAsyncIterator()
            _ = await attempts.next()
            _ = await attempts.next()
            let failing = try await gateway.handlers.list(Wire.ListOutboxRequest(state: "failing"))
            #expect(failing.entries.count == 1)
            #expect(failing.entries.first?.attempts ?? 0 >= 2)
            #expect(failing.entries.first?.lastError.isEmpty == false)
            #expect(try await gateway.handlers.retry(Wire.RetryOutboxRequest()).retried == 1)
            await #expect(throws: RPCError.self) {
                try await gateway.handlers.retry(Wire.RetryOutboxRequest(id: "platform-99"))
            }
        }
    }
}
