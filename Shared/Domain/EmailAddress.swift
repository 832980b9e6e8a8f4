/// The syntax check of staff accounts' e-mail addresses (交办单 and reminders are mailed to them).
///
/// Deliberately narrower than RFC 5322: ASCII `local@domain`, a dot-atom local part, and a domain of at least two
/// labels whose last one is alphabetic. Quoted local parts and address literals are legal but never what an
/// administrator means to type, and a typo caught here is a 交办单 that does not go astray.
public enum EmailAddress {
    private static let localCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.")
    private static let labelCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")

    /// Whether `text` is a syntactically valid address (no surrounding spaces allowed).
    public static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= 254 else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return isValidLocalPart(parts[0]) && isValidDomain(parts[1])
    }

    /// Whether no mail server delivers to `address`: its domain is reserved for examples and
    /// tests (RFC 2606: `.invalid`, `.example`, `.test`, `.localhost`, example.com/net/org), as in
    /// the shipped example roster. Mail to it is a roster never filled in.
    public static func isNeverDelivered(_ address: String) -> Bool {
        guard let domain = address.split(separator: "@").last?.lowercased() else { return false }
        let topLevel = domain.split(separator: ".").last.map(String.init) ?? ""
        return ["invalid", "example", "test", "localhost"].contains(topLevel)
            || ["example.com", "example.net", "example.org"].contains { domain == $0 || domain.hasSuffix("." + $0) }
    }

    private static func isValidLocalPart(_ local: Substring) -> Bool {
        guard (1...64).contains(local.utf8.count), local.allSatisfy(localCharacters.contains) else { return false }
        return !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return false }
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.allSatisfy(labelCharacters.contains),
                !label.hasPrefix("-"), !label.hasSuffix("-")
            else { return false }
        }
        let topLevel = labels[labels.count - 1]
        return topLevel.count >= 2 && topLevel.allSatisfy(\.isLetter)
    }
}
