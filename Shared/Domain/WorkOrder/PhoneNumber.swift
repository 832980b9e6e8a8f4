/// Mainland Chinese phone number shapes the hotline records.
public enum PhoneNumber {
    /// Mobile: `1[3-9]` followed by 9 digits, 11 digits in all.
    public static func isMobile(_ number: String) -> Bool {
        let characters = Array(number)
        guard characters.count == 11, characters.allSatisfy({ $0.asciiDigitValue != nil }) else { return false }
        return characters[0] == "1" && (characters[1].asciiDigitValue ?? 0) >= 3
    }

    /// Landline: `0` and 2–3 more digits of area code, an optional `-`, then 7–8 digits.
    public static func isLandline(_ number: String) -> Bool {
        let parts = number.split(separator: "-", omittingEmptySubsequences: false)
        let allDigits = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.asciiDigitValue != nil } }
        guard number.first == "0", parts.allSatisfy(allDigits) else { return false }
        switch parts.count {
        case 1:
            // Without a separator any length from 3+7 to 4+8 has a valid split.
            return (10...12).contains(number.count)
        case 2:
            return (3...4).contains(parts[0].count) && (7...8).contains(parts[1].count)
        default:
            return false
        }
    }

    /// Either shape.
    public static func isValid(_ number: String) -> Bool {
        isMobile(number) || isLandline(number)
    }
}

extension Character {
    // ASCII only: `Character.isWholeNumber` would also accept other scripts' digits.
    fileprivate var asciiDigitValue: Int? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }
}
