/// Reads the wire format of protobuf field by field, without a descriptor: for checks that must
/// look at a message before (or instead of) protobuf-c unpacking it.
struct ProtobufReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func varint() throws(WireError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard offset < bytes.count else { throw WireError(.malformed, "truncated varint") }
            let byte = bytes[offset]
            offset += 1
            if shift == 63 && byte > 1 { throw WireError(.malformed, "varint overflow") }
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        throw WireError(.malformed, "varint too long")
    }

    mutating func skip(_ count: Int) throws(WireError) {
        guard bytes.count - offset >= count else { throw WireError(.malformed, "truncated field") }
        offset += count
    }

    mutating func lengthDelimited() throws(WireError) -> UnsafeRawBufferPointer {
        let length = try varint()
        guard length <= UInt64(bytes.count - offset) else { throw WireError(.malformed, "truncated field") }
        let start = offset
        offset += Int(length)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
    }
}
