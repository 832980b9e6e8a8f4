public import NIOCore

/// Splits a byte stream into frames: a 4-byte big-endian length, then that many bytes.
///
/// nio-extras' `LengthFieldBasedFrameDecoder` has no upper bound on the length, so a peer could
/// make the cumulation buffer grow to 4 GiB. This decoder refuses a frame as soon as its header
/// announces more than `maximumFrameLength`, before any of the body is buffered.
public struct FrameDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    /// A frame header announced more bytes than the configured maximum.
    public struct FrameTooLargeError: Error, Hashable, CustomStringConvertible {
        public var announced: Int
        public var maximum: Int

        public init(announced: Int, maximum: Int) {
            self.announced = announced
            self.maximum = maximum
        }

        public var description: String { "frame of \(announced) bytes exceeds the maximum of \(maximum)" }
    }

    public static let headerLength = 4

    public let maximumFrameLength: Int

    public init(maximumFrameLength: Int) {
        precondition(maximumFrameLength > 0 && maximumFrameLength <= Int(UInt32.max))
        self.maximumFrameLength = maximumFrameLength
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> ByteBuffer? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, endianness: .big, as: UInt32.self) else {
            return nil
        }
        guard Int(length) <= maximumFrameLength else {
            throw FrameTooLargeError(announced: Int(length), maximum: maximumFrameLength)
        }
        guard buffer.readableBytes >= Self.headerLength + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: Self.headerLength)
        return buffer.readSlice(length: Int(length))
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ByteBuffer? {
        // A partial frame at end of stream is dropped: its call can never be answered anyway.
        try decode(buffer: &buffer)
    }
}

extension ByteBuffer {
    /// Writes `envelope` as one frame: its length, then its protobuf encoding.
    mutating func writeFrame(_ bytes: [UInt8]) {
        writeInteger(UInt32(bytes.count), endianness: .big)
        writeBytes(bytes)
    }
}
