/// The 18-character unified social credit code of GB 32100-2015: 17 characters from a 31-character alphabet and a
/// MOD 31 check character.
public enum UnifiedSocialCreditCode {
    // The standard's alphabet: digits and capitals without I, O, Z, S and V.
    private static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    // Weights 3^i mod 31 for positions 1...17.
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The check character for the first 17 characters, or `nil` when one of them is outside the alphabet.
    public static func checkCharacter(forFirst17 body: some StringProtocol) -> Character? {
        let values = body.compactMap { alphabet.firstIndex(of: $0) }
        guard body.count == 17, values.count == 17 else { return nil }
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Whether `code` is 18 characters of the alphabet (upper case) with a correct check character.
    public static func isValid(_ code: some StringProtocol) -> Bool {
        guard code.count == 18, let last = code.last,
            let expected = checkCharacter(forFirst17: code.prefix(17))
        else { return false }
        return last == expected
    }
}
