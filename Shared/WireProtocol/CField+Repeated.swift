import CProtobufC

/// Reads repeated scalar, string and bytes fields: protobuf-c stores them as a count and a C array.
extension CField {
    /// The elements of a repeated number field.
    static func repeatedScalars<C>(_ count: Int, _ values: UnsafeMutablePointer<C>?) -> [C] {
        guard count > 0, let values else { return [] }
        return Array(UnsafeBufferPointer(start: values, count: count))
    }

    /// The elements of a repeated scalar field, each converted by `read` (the C values of bools
    /// and enums).
    static func repeatedScalars<C, Element, Failure: Error>(
        _ count: Int,
        _ values: UnsafeMutablePointer<C>?,
        _ read: (C) throws(Failure) -> Element
    ) throws(Failure) -> [Element] {
        guard count > 0, let values else { return [] }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for index in 0..<count {
            elements.append(try read(values[index]))
        }
        return elements
    }

    static func repeatedBooleans(_ count: Int, _ values: UnsafeMutablePointer<protobuf_c_boolean>?) -> [Bool] {
        repeatedScalars(count, values) { $0 != 0 }
    }

    /// The elements of a repeated string field; a null element reads as the empty string, like a
    /// null singular string.
    static func repeatedStrings(
        _ count: Int,
        _ values: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> [String] {
        guard count > 0, let values else { return [] }
        return (0..<count).map { string(values[$0]) }
    }

    static func repeatedBytes(_ count: Int, _ values: UnsafeMutablePointer<ProtobufCBinaryData>?) -> [[UInt8]] {
        guard count > 0, let values else { return [] }
        return (0..<count).map { bytes(values[$0]) }
    }
}
