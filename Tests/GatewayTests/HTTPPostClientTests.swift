import NIOCore
import NIOPosix
import PlatformAdapter
import Testing

/// The adapter's HTTP client against servers that answer early: what a server answered counts,
/// or a message the platform took would be sent again.
@Suite("HTTP client", .timeLimit(.minutes(1)))
struct HTTPPostClientTests {
    @Test func anAnswerSentBeforeTheRequestEndedStillCounts() async throws {
        // Answers 200 as soon as the request's head arrived, and closes: the client's body then
        // meets a closed connection while the answer waits to be read.
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(EarlyAnswer()) }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let port = try #require(server.localAddress?.port)
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 4 << 20)
        let response = try await HTTPPostClient().post(
            to: HTTPEndpoint(host: "127.0.0.1", port: port), target: "/orders/X/acknowledgement", headers: [], body: body
        )
        #expect(response.status == 200)
        #expect(response.body == Array("{\"ok\":true}".utf8))
    }
}

/// Reads until the end of a request head, then answers and closes.
private final class EarlyAnswer: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard buffer.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) != nil else { return }
        let answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}"
        context.writeAndFlush(NIOAny(ByteBuffer(string: answer)), promise: nil)
        context.close(promise: nil)
    }
}
