/// The CRC-32 that ZIP uses (ISO-HDLC: reflected polynomial 0xEDB88320, initial value and final
/// XOR 0xFFFFFFFF), computed a byte at a time from a 256-entry table.
struct CRC32: Sendable {
    private static let table: [UInt32] = (0..<256).map { index in
        var remainder = UInt32(index)
        for _ in 0..<8 {
            remainder = remainder & 1 == 1 ? (remainder >> 1) ^ 0xEDB8_8320 : remainder >> 1
        }
        return remainder
    }

    /// The register, kept inverted between updates so that the checksum can be built in pieces.
    private var register: UInt32 = 0xFFFF_FFFF

    init() {}

    /// Feeds more bytes into the checksum.
    mutating func update(_ bytes: some Sequence<UInt8>) {
        var register = self.register
        for byte in bytes {
            register = Self.table[Int((register ^ UInt32(byte)) & 0xFF)] ^ (register >> 8)
        }
        self.register = register
    }

    /// The checksum of everything fed so far.
    var value: UInt32 { register ^ 0xFFFF_FFFF }

    /// The checksum of `bytes` in one call.
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
