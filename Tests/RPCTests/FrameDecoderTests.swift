import NIOCore
import NIOTestUtils
import RPC
import Testing

@Suite("Frame decoder")
struct FrameDecoderTests {
    static func frame(_ payload: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(payload.count), endianness: .big)
        buffer.writeBytes(payload)
        return buffer
    }

    @Test func dripBatchAndShuffledInputDecodeTheSameFrames() throws {
        let payloads: [[UInt8]] = [[], [1], [1, 2, 3], Array(repeating: 7, count: 300), Array(0...255)]
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: payloads.map { (Self.frame($0), [ByteBuffer(bytes: $0)]) },
            decoderFactory: { FrameDecoder(maximumFrameLength: 1024) }
        )
    }

    @Test func frameAboveTheMaximumIsRefusedFromItsHeader() throws {
        var decoder = FrameDecoder(maximumFrameLength: 16)
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(17), endianness: .big)  // header only: nothing of the body was sent
        #expect(throws: FrameDecoder.FrameTooLargeError(announced: 17, maximum: 16)) {
            _ = try decoder.decode(buffer: &buffer)
        }
    }

    @Test func frameAtTheMaximumIsAccepted() throws {
        var decoder = FrameDecoder(maximumFrameLength: 16)
        var buffer = Self.frame(Array(repeating: 1, count: 16))
        #expect(try decoder.decode(buffer: &buffer)?.readableBytes == 16)
    }

    @Test func partialFrameWaitsForMoreBytes() throws {
        var decoder = FrameDecoder(maximumFrameLength: 16)
        var buffer = Self.frame([1, 2, 3, 4])
        buffer.moveWriterIndex(to: buffer.writerIndex - 1)
        #expect(try decoder.decode(buffer: &buffer) == nil)
        #expect(buffer.readableBytes == 7)
    }
}
