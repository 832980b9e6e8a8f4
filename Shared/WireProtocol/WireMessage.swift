/// A message of the Suban wire protocol (package `suban.v1`), as a Swift value type.
///
/// Every message is encoded and decoded by protobuf-c; the Swift types never expose C pointers.
/// Strings on the wire are valid UTF-8 without NUL bytes: decoding rejects anything else, and
/// encoding refuses a string with an embedded NUL rather than silently cutting it short.
public protocol WireMessage: Sendable {
    /// Decodes one message from its protobuf encoding.
    init(wireBytes: UnsafeRawBufferPointer) throws(WireError)

    /// The protobuf encoding of this message.
    func wireBytes() throws(WireError) -> [UInt8]
}

extension WireMessage {
    /// Decodes one message from its protobuf encoding.
    public init(wireBytes: [UInt8]) throws(WireError) {
        let decoded = wireBytes.withUnsafeBytes { bytes in Result { () throws(WireError) in try Self(wireBytes: bytes) }
        }
        self = try decoded.get()
    }
}
