public import NIOCore
public import NIOPosix
import RPC
import Synchronization
import WireProtocol

/// The plain SwiftNIO client of `EchoServer`: one connection, calls matched by call id, each call
/// written and flushed from its caller's task. It carries the same envelope as an `RPCClient`
/// call (method, body and a timeout header) and nothing else.
public final class EchoClient: Sendable {
    private let channel: any Channel
    private let nextCallID = Atomic<UInt64>(1)

    private init(channel: any Channel) {
        self.channel = channel
    }

    public static func connect(
        to address: SocketAddress, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> EchoClient {
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(FrameDecoder(maximumFrameLength: 4 << 20)),
                        CallHandler()
                    )
                }
            }
            .connect(to: address)
            .get()
        return EchoClient(channel: channel)
    }

    /// Sends `body` and returns the echoed body.
    public func call(_ method: String, body: [UInt8]) async throws -> [UInt8] {
        let callID = nextCallID.wrappingAdd(1, ordering: .relaxed).oldValue
        let request = Envelope(
            callID: callID, kind: .request, method: method, body: body,
            headers: [Header(name: Header.timeoutMilliseconds, value: "10000")])
        let bytes = try request.wireBytes()
        var frame = ByteBuffer()
        frame.reserveCapacity(4 + bytes.count)
        frame.writeInteger(UInt32(bytes.count), endianness: .big)
        frame.writeBytes(bytes)
        let promise = channel.eventLoop.makePromise(of: [UInt8].self)
        channel.writeAndFlush(Call(callID: callID, frame: frame, response: promise), promise: nil)
        return try await promise.futureResult.get()
    }

    public func close() async {
        try? await channel.close()
    }

    struct Call: Sendable {
        var callID: UInt64
        var frame: ByteBuffer
        var response: EventLoopPromise<[UInt8]>
    }

    struct ConnectionClosed: Error {}

    final class CallHandler: ChannelDuplexHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundIn = Call
        typealias OutboundOut = ByteBuffer

        private var pending: [UInt64: EventLoopPromise<[UInt8]>] = [:]

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            let call = unwrapOutboundIn(data)
            pending[call.callID] = call.response
            context.write(wrapOutboundOut(call.frame), promise: promise)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let frame = unwrapInboundIn(data)
            do {
                let response = try frame.readableBytesView.withUnsafeBytes { try Envelope(wireBytes: $0) }
                pending.removeValue(forKey: response.callID)?.succeed(response.body)
            } catch {
                context.close(promise: nil)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            let calls = pending
            pending.removeAll()
            for promise in calls.values { promise.fail(ConnectionClosed()) }
            context.fireChannelInactive()
        }
    }
}
