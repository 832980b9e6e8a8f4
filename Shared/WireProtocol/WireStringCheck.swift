import CProtobufC

/// Walks an encoded message with its descriptor and checks every string field, at any depth.
///
/// protobuf-c copies strings into NUL-terminated C strings without checking them: a NUL byte
/// would silently cut the string short and invalid UTF-8 would pass through. Both are rejected
/// here, before unpacking.
enum WireStringCheck {
    private static let maximumDepth = 32

    static func validate(
        _ bytes: UnsafeRawBufferPointer,
        descriptor: UnsafePointer<ProtobufCMessageDescriptor>
    ) throws(WireError) {
        try validate(bytes, descriptor: descriptor, depth: 0)
    }

    private static func validate(
        _ bytes: UnsafeRawBufferPointer,
        descriptor: UnsafePointer<ProtobufCMessageDescriptor>,
        depth: Int
    ) throws(WireError) {
        guard depth < maximumDepth else { throw WireError(.malformed, "nesting deeper than \(maximumDepth)") }
        var reader = ProtobufReader(bytes: bytes)
        while !reader.isAtEnd {
            let tag = try reader.varint()
            let fieldNumber = tag >> 3
            guard fieldNumber > 0, fieldNumber <= 536_870_911 else { throw WireError(.malformed, "field number") }
            switch tag & 7 {
            case 0: _ = try reader.varint()
            case 1: try reader.skip(8)
            case 5: try reader.skip(4)
            case 2:
                let payload = try reader.lengthDelimited()
                guard let field = protobuf_c_message_descriptor_get_field(descriptor, UInt32(fieldNumber)) else {
                    continue  // unknown fields are kept by protobuf-c and never read as strings
                }
                switch field.pointee.type {
                case PROTOBUF_C_TYPE_STRING:
                    try checkString(payload, field: field)
                case PROTOBUF_C_TYPE_MESSAGE:
                    let nested = field.pointee.descriptor.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)
                    try validate(payload, descriptor: nested, depth: depth + 1)
                default:
                    break
                }
            default:
                throw WireError(.malformed, "unsupported wire type \(tag & 7)")
            }
        }
    }

    private static func checkString(
        _ payload: UnsafeRawBufferPointer,
        field: UnsafePointer<ProtobufCFieldDescriptor>
    ) throws(WireError) {
        if payload.contains(0) { throw WireError(.embeddedNUL, String(cString: field.pointee.name)) }
        guard String(validating: payload.bindMemory(to: UInt8.self), as: UTF8.self) != nil else {
            throw WireError(.invalidUTF8, String(cString: field.pointee.name))
        }
    }
}
