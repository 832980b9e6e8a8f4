/// Escaping for text that goes into HTML or SVG (XML): element content and quoted attribute values.
/// The charts use it, and so do the console's pages.
public enum Escaping {
    /// Escapes `&`, `<`, `>`, `"` and `'`, and drops characters that XML 1.0 forbids (C0 controls
    /// other than tab, newline and carriage return; U+FFFE, U+FFFF) so that every SVG stays
    /// parseable whatever the input data holds.
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
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
    }
}
