import Domain
import Testing

@Suite("Hex")
struct HexTests {
    @Test func everyByteIsTwoLowerCaseDigitsInOrder() {
        let all = Hex.encode(0...255 as ClosedRange<UInt8>)
        #expect(all.count == 512)
        #expect(all.hasPrefix("000102030405060708090a0b0c0d0e0f10"))
        #expect(all.hasSuffix("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"))
        // Each byte as its radix-16 numeral, padded to two digits.
        for byte in [0, 9, 10, 15, 16, 127, 128, 171, 255] as [UInt8] {
            let expected = (byte < 16 ? "0" : "") + String(byte, radix: 16)
            #expect(Hex.encode([byte]) == expected)
        }
    }

    @Test func noBytesIsTheEmptyText() {
        #expect(Hex.encode([UInt8]()) == "")
    }
}
