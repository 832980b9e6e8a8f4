/// Masks callers' phone and ID numbers in free text before it reaches a log or a printed line
/// (DESIGN.md, "Data and failure rules"): a mobile number keeps its first 3 and last 4 digits, a
/// resident ID number its first 6 and last 4, a landline its last 4. Digits that are part of a
/// longer word (order numbers such as `SMX20261127000123`) are left alone.
public enum PersonalDataMask {
    public static func mask(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            guard character.isASCIIDigit, !(previous?.isASCIIAlphanumeric ?? false) else {
                output.append(character)
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isASCIIDigit { end += 1 }
            var run = String(characters[index..<end])
            if end < characters.count, run.count == 17, characters[end] == "X" || characters[end] == "x" {
                run.append(characters[end])
                end += 1
            }
            let standsAlone = end == characters.count || !characters[end].isASCIIAlphanumeric
            let afterAreaCode =
                previous == "-" && Self.isAreaCode(before: index - 1, in: characters)
                && (end == characters.count || characters[end] != "-")
            output += standsAlone ? masked(run, afterAreaCode: afterAreaCode) : run
            index = end
        }
        return output
    }

    /// Whether the dash at `dash` follows a stand-alone area code (`0` and 2–3 digits).
    private static func isAreaCode(before dash: Int, in characters: [Character]) -> Bool {
        var start = dash
        while start > 0, characters[start - 1].isASCIIDigit { start -= 1 }
        let length = dash - start
        return (3...4).contains(length) && characters[start] == "0"
            && (start == 0 || !characters[start - 1].isASCIIAlphanumeric)
    }

    private static func masked(_ run: String, afterAreaCode: Bool) -> String {
        switch run.count {
        case 18: keep(first: 6, last: 4, of: run)  // resident ID number
        case 11 where run.hasPrefix("1"): keep(first: 3, last: 4, of: run)  // mobile
        case 7...8 where afterAreaCode: keep(first: 0, last: 4, of: run)  // landline after its area code
        case 10...12 where run.hasPrefix("0"): keep(first: 4, last: 4, of: run)  // landline written without a dash
        default: run
        }
    }

    private static func keep(first: Int, last: Int, of run: String) -> String {
        String(run.prefix(first)) + String(repeating: "*", count: run.count - first - last) + String(run.suffix(last))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }
}
