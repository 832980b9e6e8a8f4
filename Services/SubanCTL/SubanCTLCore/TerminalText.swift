import Charts

/// What subanctl writes is read on a terminal, which obeys control characters: text from elsewhere
/// (a caller's complaint, a platform's push) could clear the screen, recolour it, retitle the
/// window, return the cursor over a line or reorder it (bidirectional overrides). Such characters
/// are written as `\uXXXX` instead (the rule the console's pages follow, `Escaping`); line breaks
/// and tabs stay. In JSON output that is the same string (a JSON escape), so `--output json`
/// stays exact.
enum TerminalText {
    static func escaped(_ text: String) -> String {
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        while let scalar = next {
            next = scalars.next()
            if Escaping.isUnsafeControl(scalar, followedBy: next) {
                Escaping.appendVisible(scalar, to: &result)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Every line subanctl prints goes through here: it shadows the standard library's `print` in this
/// module, so that no command can write a control character to the terminal by forgetting to escape.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.escaped(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
