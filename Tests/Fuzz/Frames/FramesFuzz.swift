import NIOCore
import RPC
import WireProtocol

// libFuzzer target `frames` (scripts/fuzz.sh): bytes as a peer sends them on an RPC connection.
//
// The first byte picks the frame size limit and how the rest is cut into reads, so that the decoder
// sees frames split across reads and several frames in one read, as `ByteToMessageHandler` hands them
// over; every frame it yields is decoded as an `Envelope`, the way `RPCServer` and `RPCClient` do.

/// The limits tried: the server's default, and small ones so that "too large" is reached often.
private let maximumFrameLengths = [4 << 20, 64, 1024, 1]

// A broken invariant calls fatalError, which prints its message in -O builds too (precondition
// does not): libFuzzer then saves the input and the log says what broke.

@_cdecl("LLVMFuzzerTestOneInput")
public func framesFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    let selector = Int(input[0])
    let maximum = maximumFrameLengths[selector % maximumFrameLengths.count]
    // 1–64 bytes a read; the stream is the rest of the input.
    let readSize = 1 + (selector >> 2)
    let stream = UnsafeBufferPointer(rebasing: input[1...])

    var decoder = FrameDecoder(maximumFrameLength: maximum)
    var buffer = ByteBuffer()
    var offset = 0
    do {
        while offset < stream.count {
            let end = min(offset + readSize, stream.count)
            buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: stream[offset..<end])))
            offset = end
            while let frame = try decoder.decode(buffer: &buffer) {
                check(frame, maximum: maximum)
            }
            buffer.discardReadBytes()
        }
        while let frame = try decoder.decodeLast(buffer: &buffer, seenEOF: true) {
            check(frame, maximum: maximum)
        }
    } catch let error as FrameDecoder.FrameTooLargeError {
        // The connection is closed: the header announced more than the maximum.
        guard error.announced > maximum, error.maximum == maximum else {
            fatalError("FrameTooLargeError for \(error.announced) bytes with a maximum of \(maximum)")
        }
    } catch {
        fatalError("FrameDecoder threw \(error)")
    }
    return 0
}

/// One frame: within the limit, and its envelope either refused with a `WireError` or read whole,
/// and then written and read back to the same value.
private func check(_ frame: ByteBuffer, maximum: Int) {
    guard frame.readableBytes <= maximum else {
        fatalError("a frame of \(frame.readableBytes) bytes passed a maximum of \(maximum)")
    }
    let envelope: Envelope
    do {
        envelope = try frame.readableBytesView.withUnsafeBytes { bytes in try Envelope(wireBytes: bytes) }
    } catch {
        return
    }
    // What RPCServer reads from a request's headers.
    _ = envelope.header(Header.timeoutMilliseconds).flatMap { Int64($0) }
    _ = envelope.header(Header.traceID)?.isEmpty
    let again: Envelope
    do {
        again = try Envelope(wireBytes: try envelope.wireBytes())
    } catch {
        fatalError("a decoded envelope did not encode and decode again: \(error)")
    }
    guard again == envelope else {
        fatalError("an envelope changed on a round trip: \(envelope) became \(again)")
    }
}
