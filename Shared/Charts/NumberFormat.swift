internal import Foundation

/// Number-to-text conversions that never produce scientific notation and do not depend on the
/// process locale, so that the same data always renders the same bytes.
enum NumberFormat {
    /// A value for people: at most `fractionDigits` decimals, trailing zeros trimmed, thousands
    /// grouped with commas (`12,345.5`). Non-finite values render as an em dash.
    ///
    /// Without `fractionDigits`, two decimals, or for values below 0.01 as many as two significant
    /// digits need, so that a small rate does not read as 0.
    static func value(_ number: Double, fractionDigits: Int? = nil) -> String {
        guard number.isFinite else { return "—" }
        var digits = fractionDigits ?? 2
        if fractionDigits == nil && number != 0 && abs(number) < 0.01 {
            // The first significant digit is at decimal −⌊log10 |x|⌋; one more for the second.
            digits = min(15, 1 - Int(log10(abs(number)).rounded(.down)))
        }
        let fixed = fixedPoint(number, fractionDigits: digits)
        let negative = fixed.hasPrefix("-")
        let unsigned = negative ? String(fixed.dropFirst()) : fixed
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        let integer = String(parts[0])
        var grouped = ""
        for (offset, digit) in integer.enumerated() {
            if offset > 0 && (integer.count - offset) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction
    }

    /// A coordinate or length for SVG attributes: two decimals at most, no grouping.
    static func coordinate(_ number: Double) -> String {
        guard number.isFinite else { return "0" }
        return fixedPoint(number, fractionDigits: 2)
    }

    /// A percentage with one decimal (`12.5%`), trailing `.0` trimmed.
    static func percent(_ fraction: Double) -> String {
        value(fraction * 100, fractionDigits: 1) + "%"
    }

    /// `%f` never switches to exponent notation, unlike `description`; the result is then trimmed
    /// of trailing zeros, and a negative zero loses its sign.
    private static func fixedPoint(_ number: Double, fractionDigits: Int) -> String {
        var text = String(format: "%.\(max(0, fractionDigits))f", number)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text
    }
}
