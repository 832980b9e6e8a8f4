public import Foundation

extension WorkOrder {
    /// A new order's id: "WO-" and a version-7 UUID (RFC 9562), whose first 48 bits are the
    /// milliseconds since 1970 and whose other 74 free bits are random.
    ///
    /// Orders created one after another thus sort together, and every index keyed by order id
    /// (the order itself, its log, its units, its clocks in SLA) grows at its right edge: a
    /// commit of many orders dirties a page or two of each such index instead of a page per
    /// order, as random (version-4) ids did. The random bits keep ids unguessable.
    public static func newID(at date: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        return newID(at: date, using: &generator)
    }

    static func newID(at date: Date, using generator: inout some RandomNumberGenerator) -> String {
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded()))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        for index in 6..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: random.0 >> (8 * index))
        }
        for index in 8..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: random.1 >> (8 * (index - 8)))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // the RFC's variant
        let hex = Hex.encode(bytes)
        var id = "WO-"
        var start = hex.startIndex
        for length in [8, 4, 4, 4, 12] {
            let end = hex.index(start, offsetBy: length)
            if start != hex.startIndex { id += "-" }
            id += hex[start..<end]
            start = end
        }
        return id
    }
}
