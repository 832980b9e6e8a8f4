import Domain
import PlatformAdapter

/// The numbers of a new order, checked here as intake checks them (`WorkOrderDraft.validate`,
/// after its `normalized`: trimmed, check letters in upper case, empty meaning absent), with the
/// same codes, so that a 422 names them beside the shape problems instead of after a second try.
/// The value is returned as given: intake tidies it.
extension JSONFieldReader {
    mutating func phone(_ object: JSONValue, _ key: String, prefix: String = "") -> String? {
        guard let text = string(object, key, prefix: prefix, maxLength: 20) else { return nil }
        guard PhoneNumber.isValid(Self.tidied(text)) else {
            problem(
                prefix + key, FieldError.Code.invalidPhone.rawValue,
                "neither a mainland mobile number nor a landline number")
            return nil
        }
        return text
    }

    mutating func idNumber(_ object: JSONValue, _ key: String, prefix: String = "") -> String? {
        guard let text = string(object, key, prefix: prefix, required: false, maxLength: 18) else { return nil }
        let tidied = Self.tidied(text).uppercased()
        guard tidied.isEmpty || ResidentIDNumber.isValid(tidied) else {
            problem(
                prefix + key, FieldError.Code.invalidIDNumber.rawValue,
                "18 characters with the check character of GB 11643")
            return nil
        }
        return text
    }

    mutating func creditCode(_ object: JSONValue, _ key: String, prefix: String = "") -> String? {
        guard let text = string(object, key, prefix: prefix, required: false, maxLength: 18) else { return nil }
        let tidied = Self.tidied(text).uppercased()
        guard tidied.isEmpty || UnifiedSocialCreditCode.isValid(tidied) else {
            problem(
                prefix + key, FieldError.Code.invalidCreditCode.rawValue,
                "18 characters with the check character of GB 32100-2015")
            return nil
        }
        return text
    }

    private static func tidied(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
