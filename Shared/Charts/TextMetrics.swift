/// Estimates how wide a label renders, without a font engine, so that layouts can make room for
/// labels and shorten the ones that do not fit.
///
/// Wide (CJK, full-width) characters count one em, everything else about 0.6 em: close enough
/// for the system sans-serif fonts the page asks for, and erring on the wide side for Latin.
enum TextMetrics {
    static let ellipsis = "…"

    static func width(of text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + advance(of: $1) } * fontSize
    }

    /// `text` unchanged when it fits in `maxWidth`, else its longest prefix that fits together
    /// with a trailing ellipsis.
    static func truncate(
        _ text: String, toWidth maxWidth: Double, fontSize: Double
    ) -> (text: String, truncated: Bool) {
        guard width(of: text, fontSize: fontSize) > maxWidth else { return (text, false) }
        let budget = maxWidth - width(of: ellipsis, fontSize: fontSize)
        var kept = ""
        var used = 0.0
        // Whole characters, not scalars, so that no combining sequence or emoji is split.
        for character in text {
            let advance = character.unicodeScalars.reduce(0) { $0 + Self.advance(of: $1) } * fontSize
            if used + advance > budget { break }
            used += advance
            kept.append(character)
        }
        return (kept + ellipsis, true)
    }

    private static func advance(of scalar: Unicode.Scalar) -> Double {
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return 1
        case 0x30...0x39: return 0.56
        default: return 0.6
        }
    }
}
