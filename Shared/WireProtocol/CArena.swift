import CProtobufC

/// Owns every C allocation made while building one protobuf-c message for encoding, and frees
/// them all at once: protobuf-c messages are trees of raw pointers with no ownership of their own.
final class CArena {
    private var chunks: [UnsafeMutableRawPointer] = []
    private var cursor: UnsafeMutableRawPointer?
    private var remaining = 0
    private static let chunkSize = 4096

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
        if let cursor {
            let padding = (alignment - Int(bitPattern: cursor) % alignment) % alignment
            if padding + byteCount <= remaining {
                self.cursor = cursor + padding + byteCount
                remaining -= padding + byteCount
                return cursor + padding
            }
        }
        let size = max(Self.chunkSize, byteCount + alignment)
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        chunks.append(chunk)
        cursor = chunk + byteCount
        remaining = size - byteCount
        return chunk
    }

    /// A NUL-terminated copy of `string`; `field` names it in the error for an embedded NUL.
    func cString(_ string: String, field: StaticString) throws(WireError) -> UnsafeMutablePointer<CChar> {
        var string = string
        let copy: UnsafeMutablePointer<CChar>? = string.withUTF8 { utf8 in
            if utf8.contains(0) { return nil }
            let target = allocate(byteCount: utf8.count + 1, alignment: 1)
            if let base = utf8.baseAddress { target.copyMemory(from: base, byteCount: utf8.count) }
            target.storeBytes(of: 0, toByteOffset: utf8.count, as: UInt8.self)
            return target.assumingMemoryBound(to: CChar.self)
        }
        guard let copy else { throw WireError(.embeddedNUL, "\(field)") }
        return copy
    }

    func binary(_ bytes: [UInt8]) -> ProtobufCBinaryData {
        guard !bytes.isEmpty else { return ProtobufCBinaryData(len: 0, data: nil) }
        let target = allocate(byteCount: bytes.count, alignment: 1)
        bytes.withUnsafeBytes { source in
            UnsafeMutableRawBufferPointer(start: target, count: bytes.count).copyMemory(from: source)
        }
        return ProtobufCBinaryData(len: bytes.count, data: target.assumingMemoryBound(to: UInt8.self))
    }

    /// An initialized C message of type `C`; `initialize` is the generated `__init` function,
    /// since the `*_INIT` macros do not import into Swift.
    func message<C>(_ type: C.Type, _ initialize: (UnsafeMutablePointer<C>) -> Void) -> UnsafeMutablePointer<C> {
        let pointer = allocate(byteCount: MemoryLayout<C>.size, alignment: MemoryLayout<C>.alignment)
            .bindMemory(to: C.self, capacity: 1)
        initialize(pointer)
        return pointer
    }

    /// The array of pointers of a repeated message field, each element built by `build`.
    func repeated<Element, C>(
        _ elements: [Element],
        _ build: (Element) throws(WireError) -> UnsafeMutablePointer<C>
    ) throws(WireError) -> (count: Int, pointers: UnsafeMutablePointer<UnsafeMutablePointer<C>?>?) {
        guard !elements.isEmpty else { return (0, nil) }
        let stride = MemoryLayout<UnsafeMutablePointer<C>?>.stride
        let array = allocate(
            byteCount: stride * elements.count, alignment: MemoryLayout<UnsafeMutablePointer<C>?>.alignment
        )
        .bindMemory(to: UnsafeMutablePointer<C>?.self, capacity: elements.count)
        for (index, element) in elements.enumerated() {
            array[index] = try build(element)
        }
        return (elements.count, array)
    }
}
