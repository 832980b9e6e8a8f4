/// Why a message could not be decoded or encoded.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, stable for callers that map it to a status.
    public enum Code: String, Sendable {
        case malformed
        case invalidUTF8 = "invalid_utf8"
        case embeddedNUL = "embedded_nul"
        case unknownEnumValue = "unknown_enum_value"
        case missingField = "missing_field"
    }

    public var code: Code
    /// The message or field concerned, for the error text.
    public var subject: String

    public init(_ code: Code, _ subject: String) {
        self.code = code
        self.subject = subject
    }

    public var description: String {
        switch code {
        case .malformed: "malformed protobuf message: \(subject)"
        case .invalidUTF8: "string field is not valid UTF-8: \(subject)"
        case .embeddedNUL: "string field contains a NUL byte: \(subject)"
        case .unknownEnumValue: "unknown enum value: \(subject)"
        case .missingField: "required field missing: \(subject)"
        }
    }
}
