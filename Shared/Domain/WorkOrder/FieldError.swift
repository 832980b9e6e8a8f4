/// One problem with one input field, reported to whoever filed the input (platform, 12333 operator, CLI user).
///
/// Messages never repeat the offending value: it may be personal data.
public struct FieldError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// An opaque, stable error code; compare against the static members.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        public static let required = Code(rawValue: "required")
        public static let tooLong = Code(rawValue: "too_long")
        public static let invalidFormat = Code(rawValue: "invalid_format")
        public static let invalidPhone = Code(rawValue: "invalid_phone")
        public static let invalidIDNumber = Code(rawValue: "invalid_id_number")
        public static let invalidCreditCode = Code(rawValue: "invalid_credit_code")
        public static let deadlineBeforeDispatch = Code(rawValue: "deadline_before_dispatch")

        public var description: String { rawValue }
    }

    /// Dotted path of the field, e.g. `caller.phone` or `attachments[2].uri`.
    public var field: String
    public var code: Code
    public var message: String

    public init(field: String, code: Code, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "\(field): \(message) [\(code)]" }
}
