extension Envelope {
    /// The call id of a request envelope that failed to decode only because of a string field
    /// (a NUL byte or bad UTF-8 in its method or a header), so that the server can fail that one
    /// call instead of the whole connection.
    ///
    /// Nil when the bytes are not a well-formed request envelope at the top level: then nobody
    /// can be answered. Reads only the top-level fields; nothing is unpacked.
    public static func callID(ofRequestWithBadStrings bytes: UnsafeRawBufferPointer) -> UInt64? {
        var reader = ProtobufReader(bytes: bytes)
        var callID: UInt64?
        do {
            while !reader.isAtEnd {
                let tag = try reader.varint()
                switch (tag >> 3, tag & 7) {
                case (1, 0): callID = try reader.varint()
                case (2, 0):
                    guard try reader.varint() == 0 else { return nil }  // 0 is ENVELOPE_KIND_REQUEST
                case (_, 0): _ = try reader.varint()
                case (_, 1): try reader.skip(8)
                case (_, 2): _ = try reader.lengthDelimited()
                case (_, 5): try reader.skip(4)
                default: return nil
                }
            }
        } catch {
            return nil
        }
        return callID
    }
}
