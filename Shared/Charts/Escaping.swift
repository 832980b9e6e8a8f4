/// Escaping for text that goes into HTML or SVG (XML): element content and quoted attribute values.
/// The charts use it, and so do the console's pages; `subanctl` uses its control-character rule.
public enum Escaping {
    /// Escapes `&`, `<`, `>`, `"` and `'`, and writes control characters as visible `\uXXXX`
    /// (``isUnsafeControl(_:followedBy:)``): text from the public cannot reorder what staff read
    /// with bidirectional overrides, and every SVG stays parseable (XML 1.0 forbids most C0
    /// controls). U+FFFE and U+FFFF, which XML also forbids, are dropped.
    ///
    /// `&#39;` rather than `&apos;`: the one spelling both HTML and XML understand.
    public static func text(_ raw: String) -> String {
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(raw.unicodeScalars.count)
        append(raw, to: &escaped)
        return escaped
    }

    /// Appends `raw` escaped as ``text(_:)`` does, without a string of its own.
    public static func append(_ raw: String, to escaped: inout String) {
        var scalars = raw.unicodeScalars.makeIterator()
        var next = scalars.next()
        while let scalar = next {
            next = scalars.next()
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\u{FFFE}", "\u{FFFF}": continue
            default:
                if isUnsafeControl(scalar, followedBy: next) {
                    appendVisible(scalar, to: &escaped)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
    }

    /// Whether `scalar` would act rather than show where staff read text from elsewhere: C0 and
    /// C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates. Line
    /// feed and tab are text; so is a carriage return that ends a line (`\r\n`), which moves
    /// nothing a reader sees, while a lone one returns the cursor over what was written.
    public static func isUnsafeControl(_ scalar: Unicode.Scalar, followedBy next: Unicode.Scalar?) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x0D: next != "\n"
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Writes `scalar` as `\uXXXX`: what it is stays readable, and it does nothing.
    public static func appendVisible(_ scalar: Unicode.Scalar, to text: inout String) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        text += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
