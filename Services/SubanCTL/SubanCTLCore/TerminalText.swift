/// What subanctl writes is read on a terminal, which obeys control characters: text from elsewhere
/// (a caller's complaint, a platform's push) could clear the screen, recolour it, retitle the
/// window, return the cursor over a line or reorder it (bidirectional overrides). Such characters
/// are written as `\uXXXX` instead; line breaks and tabs stay. In JSON output that is the same
/// string (a JSON escape), so `--output json` stays exact.
enum TerminalText {
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 and C1 controls but line feed and tab, DEL, and the bidirectional marks, embeddings,
    /// overrides and isolates.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

/// Every line subanctl prints goes through here: it shadows the standard library's `print` in this
/// module, so that no command can write a control character to the terminal by forgetting to escape.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.escaped(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
