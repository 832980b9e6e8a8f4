import NIOCore
import NIOPosix
import RPC
import WireProtocol

/// A connection that speaks envelopes frame by frame, so that a test sees exactly what the server
/// sends (including frames no call asked for) and decides itself when to close.
struct FrameConnection {
    fileprivate let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator

    /// Connects to 127.0.0.1:`port`, runs `body`, and closes the connection afterwards.
    static func with<Result: Sendable>(port: Int, _ body: (inout FrameConnection) async throws -> Result) async throws
        -> Result
    {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(FrameDecoder(maximumFrameLength: 1 << 20)))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = FrameConnection(outbound: outbound, inbound: inbound.makeAsyncIterator())
            return try await body(&connection)
        }
    }

    func send(_ envelope: Envelope) async throws {
        let bytes = try envelope.wireBytes()
        var frame = ByteBuffer()
        frame.writeInteger(UInt32(bytes.count), endianness: .big)
        frame.writeBytes(bytes)
        try await outbound.write(frame)
    }

    /// The next envelope the server sent, or nil once it closed the connection.
    mutating func receive() async throws -> Envelope? {
        guard let frame = try await inbound.next() else { return nil }
        return try frame.readableBytesView.withUnsafeBytes { try Envelope(wireBytes: $0) }
    }

    static func request(callID: UInt64, method: String, _ message: some WireMessage) throws -> Envelope {
        Envelope(callID: callID, kind: .request, method: method, body: try message.wireBytes())
    }
}

extension FrameConnection {
    /// Sends `bytes` as one frame, as they are: for envelopes that no encoder would produce.
    func send(envelopeBytes bytes: [UInt8]) async throws {
        var frame = ByteBuffer()
        frame.writeInteger(UInt32(bytes.count), endianness: .big)
        frame.writeBytes(bytes)
        try await outbound.write(frame)
    }

    /// Sends `bytes` as they are, framed or not.
    func send(rawBytes bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }
}
