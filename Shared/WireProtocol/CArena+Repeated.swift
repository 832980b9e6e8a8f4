import CProtobufC

/// Builds repeated scalar, string and bytes fields: protobuf-c takes them as a count and a C array.
extension CArena {
    /// A C array of `values` for a repeated number field.
    func repeatedScalars<C>(_ values: [C]) -> (count: Int, values: UnsafeMutablePointer<C>?) {
        repeatedScalars(values) { $0 }
    }

    /// A C array of the values `convert` makes of `elements` (the C values of bools and enums).
    func repeatedScalars<Element, C>(
        _ elements: [Element],
        _ convert: (Element) -> C
    ) -> (count: Int, values: UnsafeMutablePointer<C>?) {
        guard !elements.isEmpty else { return (0, nil) }
        let array = array(of: C.self, count: elements.count)
        for (index, element) in elements.enumerated() {
            (array + index).initialize(to: convert(element))
        }
        return (elements.count, array)
    }

    func repeatedBooleans(_ flags: [Bool]) -> (count: Int, values: UnsafeMutablePointer<protobuf_c_boolean>?) {
        repeatedScalars(flags) { $0 ? 1 : 0 }
    }

    /// A C array of NUL-terminated copies of `strings`; `field` names it in the error for an
    /// embedded NUL.
    func repeatedStrings(
        _ strings: [String],
        field: StaticString
    ) throws(WireError) -> (count: Int, values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) {
        guard !strings.isEmpty else { return (0, nil) }
        let array = array(of: UnsafeMutablePointer<CChar>?.self, count: strings.count)
        for (index, string) in strings.enumerated() {
            let copy = try cString(string, field: field)
            (array + index).initialize(to: copy)
        }
        return (strings.count, array)
    }

    func repeatedBytes(_ elements: [[UInt8]]) -> (count: Int, values: UnsafeMutablePointer<ProtobufCBinaryData>?) {
        repeatedScalars(elements) { binary($0) }
    }

    private func array<C>(of type: C.Type, count: Int) -> UnsafeMutablePointer<C> {
        allocate(byteCount: MemoryLayout<C>.stride * count, alignment: MemoryLayout<C>.alignment)
            .bindMemory(to: C.self, capacity: count)
    }
}
