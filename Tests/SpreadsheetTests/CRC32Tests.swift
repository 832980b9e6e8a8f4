import Testing

@testable import Spreadsheet

/// The checksum ZIP readers compare every entry against.
@Suite struct CRC32Tests {
    /// Check values of CRC-32/ISO-HDLC from the CRC catalogue and zlib's `crc32`.
    @Test(
        arguments: [
            ("", 0x0000_0000),
            ("a", 0xE8B7_BE43),
            ("abc", 0x3524_41C2),
            ("123456789", 0xCBF4_3926),
            ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
        ] as [(String, UInt32)])
    func matchesKnownVectors(input: String, expected: UInt32) {
        #expect(CRC32.checksum(input.utf8) == expected)
    }

    @Test func aChecksumBuiltInPiecesEqualsTheOneShot() {
        let bytes = Array("三门峡 workbook ✓ ".utf8) + (0...255).map(UInt8.init)
        for split in [0, 1, 7, bytes.count / 2, bytes.count] {
            var crc = CRC32()
            crc.update(bytes[..<split])
            crc.update(bytes[split...])
            #expect(crc.value == CRC32.checksum(bytes), "split at \(split)")
        }
    }
}
