import NIOCore
import NIOPosix
import PlatformAdapter
import TestSupport
import Testing

/// The adapter's HTTP client against servers that fail in the ways a platform can.
@Suite("HTTP client", .timeLimit(.minutes(1)))
struct HTTPPostClientTests {
    @Test func anAnswerSentBeforeTheRequestEndedIsReturnedOrReportedAsAFailure() async throws {
        // Answers 200 as soon as the request's head arrived, and closes: the client's body then
        // meets a closed connection while the answer waits to be read. AsyncHTTPClient may fail
        // such a request although the answer arrived; the outbox then sends the message again and
        // the platform answers its message id `duplicate` (PlatformOutboxTests). What must not
        // happen: a hang, or a success without the server's answer.
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(EarlyAnswer()) }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let port = try #require(server.localAddress?.port)
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 4 << 20)
        do {
            let response = try await HTTPPostClient().post(
                to: HTTPEndpoint(host: "127.0.0.1", port: port), target: "/orders/X/acknowledgement", headers: [],
                body: body
            )
            #expect(response.status == 200)
            #expect(response.body == Array("{\"ok\":true}".utf8))
        } catch {
            #expect(error.description.contains("127.0.0.1:\(port)"))
        }
    }

    @Test func aPlatformThatIsDownFailsTheRequestAtOnce() async throws {
        // A port nothing listens on, below the ephemeral range (one from port 0 could be bound again
        // by another test's server before the request). Waiting out the two-minute deadline would
        // exceed the suite's time limit: the outbox retries, not the request.
        let port = try await SystemTestPorts.free()
        let failure = await #expect(throws: HTTPPostClient.Failure.self) {
            try await HTTPPostClient().post(
                to: HTTPEndpoint(host: "127.0.0.1", port: port), target: "/orders", headers: [], body: [],
                timeout: .seconds(120))
        }
        #expect(failure?.description.contains("127.0.0.1:\(port)") == true)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let port = try #require(server.localAddress?.port)
        let failure = await #expect(throws: HTTPPostClient.Failure.self) {
            try await HTTPPostClient().post(
                to: HTTPEndpoint(host: "127.0.0.1", port: port), target: "/orders", headers: [], body: [],
                timeout: .milliseconds(200))
        }
        #expect(failure?.description == "no response from 127.0.0.1:\(port) within 0.2 seconds")
    }

    @Test func aResponseLargerThanTheCapIsRefused() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.pipeline.addHandler(EarlyAnswer(body: String(repeating: "x", count: 4096)))
            }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let port = try #require(server.localAddress?.port)
        let failure = await #expect(throws: HTTPPostClient.Failure.self) {
            try await HTTPPostClient(maximumResponseBytes: 1024).post(
                to: HTTPEndpoint(host: "127.0.0.1", port: port), target: "/orders", headers: [], body: [])
        }
        #expect(failure?.description == "response larger than 1024 bytes")
    }
}

/// Reads until the end of a request head, then answers and closes.
private final class EarlyAnswer: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let body: String

    init(body: String = "{\"ok\":true}") {
        self.body = body
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard buffer.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) != nil else { return }
        let answer =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        context.writeAndFlush(NIOAny(ByteBuffer(string: answer)), promise: nil)
        context.close(promise: nil)
    }
}
