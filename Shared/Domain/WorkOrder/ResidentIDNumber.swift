/// The 18-character citizen identity number of GB 11643-1999: 17 digits and a MOD 11-2 check character.
public enum ResidentIDNumber {
    // ISO 7064 MOD 11-2 weights 2^(17-i) mod 11, as tabulated in the standard.
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The check character for the first 17 digits, or `nil` when they are not 17 ASCII digits.
    public static func checkCharacter(forFirst17 body: some StringProtocol) -> Character? {
        let digits = body.compactMap(\.asciiDigitValue)
        guard body.count == 17, digits.count == 17 else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Whether `number` is 18 characters with a correct check character (`X` in upper case only).
    public static func isValid(_ number: some StringProtocol) -> Bool {
        guard number.count == 18, let last = number.last,
            let expected = checkCharacter(forFirst17: number.prefix(17))
        else { return false }
        return last == expected
    }
}

extension Character {
    /// The value of an ASCII digit; `nil` for everything else, including other scripts' digits that
    /// `Character.isWholeNumber` would accept.
    fileprivate var asciiDigitValue: Int? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }
}
