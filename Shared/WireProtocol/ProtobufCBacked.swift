import CProtobufC

/// The bridge between a Swift message type and its protobuf-c generated C struct.
///
/// Conforming types describe only the field mapping; packing, unpacking, freeing and the string
/// checks that protobuf-c leaves out happen once, here.
protocol ProtobufCBacked: WireMessage {
    associatedtype CMessage

    /// The generated descriptor. Obtain it through the generated `__init`, which stores the
    /// descriptor's real address: a Swift copy of the C constant would dangle.
    static var descriptor: UnsafePointer<ProtobufCMessageDescriptor> { get }

    init(cMessage: UnsafePointer<CMessage>) throws(WireError)

    func cMessage(in arena: CArena) throws(WireError) -> UnsafeMutablePointer<CMessage>
}

extension ProtobufCBacked {
    public init(wireBytes: UnsafeRawBufferPointer) throws(WireError) {
        try WireStringCheck.validate(wireBytes, descriptor: Self.descriptor)
        var empty: UInt8 = 0
        let unpacked = withUnsafeMutablePointer(to: &empty) { fallback in
            protobuf_c_message_unpack(
                Self.descriptor,
                nil,
                wireBytes.count,
                wireBytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(fallback)
            )
        }
        guard let unpacked else {
            throw WireError(.malformed, String(cString: Self.descriptor.pointee.name))
        }
        defer { protobuf_c_message_free_unpacked(unpacked, nil) }
        try self.init(cMessage: UnsafeRawPointer(unpacked).assumingMemoryBound(to: CMessage.self))
    }

    public func wireBytes() throws(WireError) -> [UInt8] {
        let arena = CArena()
        let message = try cMessage(in: arena)
        return UnsafeRawPointer(message).withMemoryRebound(to: ProtobufCMessage.self, capacity: 1) { base in
            let size = protobuf_c_message_get_packed_size(base)
            guard size > 0 else { return [] }
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                // `size` > 0, so the buffer has storage.
                guard let storage = buffer.baseAddress else { return }
                count = protobuf_c_message_pack(base, storage)
            }
        }
    }
}

/// Reads the fields of unpacked C messages into Swift values.
enum CField {
    /// A string field; `WireStringCheck` has already rejected invalid UTF-8 and NUL bytes.
    static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let base = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: data.len))
    }

    /// The elements of a repeated message field.
    static func repeated<C, Element>(
        _ count: Int,
        _ pointers: UnsafeMutablePointer<UnsafeMutablePointer<C>?>?,
        _ read: (UnsafePointer<C>) throws(WireError) -> Element
    ) throws(WireError) -> [Element] {
        guard count > 0, let pointers else { return [] }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for index in 0..<count {
            guard let element = pointers[index] else { throw WireError(.malformed, "null repeated element") }
            elements.append(try read(element))
        }
        return elements
    }
}
