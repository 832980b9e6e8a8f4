public import NIOCore
public import NIOPosix
import RPC
import WireProtocol

/// The ceiling the RPC benchmark compares against: a plain SwiftNIO server that reads the same
/// length-prefixed `Envelope` frames, decodes each, and answers with its body, all on the event
/// loop, every answer of one read flushed together. No deadlines, limits, spans or metrics.
public enum EchoServer {
    /// Binds `127.0.0.1:0` and returns the listening channel; close it to stop.
    public static func bind(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws
        -> any Channel
    {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(FrameDecoder(maximumFrameLength: 4 << 20)),
                        EchoHandler()
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
    }

    final class EchoHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let frame = unwrapInboundIn(data)
            do {
                let request = try frame.readableBytesView.withUnsafeBytes { try Envelope(wireBytes: $0) }
                let response = Envelope(callID: request.callID, kind: .response, body: request.body)
                let bytes = try response.wireBytes()
                var out = context.channel.allocator.buffer(capacity: 4 + bytes.count)
                out.writeInteger(UInt32(bytes.count), endianness: .big)
                out.writeBytes(bytes)
                context.write(wrapOutboundOut(out), promise: nil)
            } catch {
                context.close(promise: nil)
            }
        }

        func channelReadComplete(context: ChannelHandlerContext) {
            context.flush()
        }
    }
}
