/// Lower-case hexadecimal, two digits a byte: how hashes, signatures and nonces are written.
///
/// By table rather than `String(format: "%02x")`, which goes through Foundation's formatter for
/// every byte: keyed-hashing a caller's phone spent most of its time there.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
