import Logging
import NIOCore
import NIOEmbedded
import Testing
import WireProtocol

@testable import RPC

/// Calls answered on the event loop are written there, not through the task's writer that waits
/// for a peer to read: the connection stops reading while its answers cannot be sent, so that a
/// peer that sends and never reads cannot make the server hold an unbounded queue of answers.
@Suite("RPC connection back pressure")
struct ConnectionBackPressureTests {
    /// Counts the reads that reach the socket end of the pipeline.
    final class ReadCounter: ChannelOutboundHandler {
        typealias OutboundIn = NIOAny
        var reads = 0

        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    @Test func aConnectionWhosePeerReadsNothingStopsReadingUntilItsAnswersLeave() async throws {
        // A running server (its handlers are what is tested), on an embedded connection.
        try await withServer(RPCRouter(), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) {
            server, _ in
            try Self.checkBackPressure(of: server)
        }
    }

    static func checkBackPressure(of server: RPCServer) throws {
        let channel = EmbeddedChannel()
        let counter = ReadCounter()
        try channel.pipeline.syncOperations.addHandler(counter)
        try server.addConnectionHandlers(
            to: channel.pipeline.syncOperations, calls: ConnectionCalls(limit: 4), peer: "test")
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()

        // `health` is immediate: answered on the loop, flushed at the end of the read.
        var frame = ByteBuffer()
        frame.writeFrame(try FrameConnection.request(callID: 1, method: "health", HealthRequest()).wireBytes())
        try channel.writeInbound(frame)
        channel.pipeline.fireChannelReadComplete()
        var answer = try #require(try channel.readOutbound(as: ByteBuffer.self))
        answer.moveReaderIndex(forwardBy: FrameDecoder.headerLength)
        let response = try answer.readableBytesView.withUnsafeBytes { try Envelope(wireBytes: $0) }
        #expect(response.callID == 1)
        #expect(response.status == .ok)

        let before = counter.reads
        channel.read()
        #expect(counter.reads == before + 1)

        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        channel.read()
        #expect(counter.reads == before + 1, "no read while the answers cannot be sent")

        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        #expect(counter.reads == before + 2, "the held read goes on once they can")
        _ = try channel.finish(acceptAlreadyClosed: true)
    }
}
