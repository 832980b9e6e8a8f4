/// Makes arbitrary text safe for XML 1.0 element content and double-quoted attributes.
enum XMLText {
    /// Whether XML 1.0 can carry `scalar` at all, even escaped: `Char ::= #x9 | #xA | #xD |
    /// [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]` (Swift strings hold no surrogates).
    static func isLegal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: true
        case 0x10000...: true
        default: false
        }
    }

    /// `text` without the characters XML cannot carry; the text itself when it has none, which is
    /// nearly always.
    static func removingIllegalCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isLegal($0) }) else { return text }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.lazy.filter(isLegal))
        return String(kept)
    }

    /// `text` escaped for element content or a double-quoted attribute. It must hold only legal
    /// characters (see `removingIllegalCharacters`).
    ///
    /// A carriage return is written as `&#13;` because XML parsers turn a literal one into a line
    /// feed. With `excelEscapes`, an underscore that starts `_xHHHH_` is written as `_x005F_`:
    /// Excel reads `_xHHHH_` in cell text as the character U+HHHH, so without this a user's literal
    /// "_x0041_" would come back as "A".
    static func escaped(_ text: String, excelEscapes: Bool = false) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: "&#13;".utf8)
            case UInt8(ascii: "_") where excelEscapes && startsHexEscape(bytes, at: offset):
                output.append(contentsOf: "_x005F_".utf8)
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `bytes[offset...]` starts with `_x` + four hex digits + `_`.
    private static func startsHexEscape(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard offset + 6 < bytes.count, bytes[offset + 1] == UInt8(ascii: "x"), bytes[offset + 6] == UInt8(ascii: "_")
        else {
            return false
        }
        return bytes[(offset + 2)...(offset + 5)].allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                true
            default: false
            }
        }
    }
}
