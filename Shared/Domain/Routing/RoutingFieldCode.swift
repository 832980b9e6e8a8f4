/// The `FieldError` codes of the routing data (unit directory, rule set, key-enterprise list) and of its edits.
///
/// Kept in their own namespace, not as `FieldError.Code` members, so that they can never collide with the codes
/// other modules of the domain add. `required`, `tooLong` and `invalidCreditCode` are `FieldError.Code`'s own.
public enum RoutingFieldCode {
    /// The bytes are not JSON of the documented shape (missing field, wrong type).
    public static let malformedJSON = FieldError.Code(rawValue: "malformed_json")
    /// An object has a field the format does not define (usually a misspelt one).
    public static let unknownField = FieldError.Code(rawValue: "unknown_field")
    /// A topic, kind, urgency, level or handling mode that Suban does not know.
    public static let unknownValue = FieldError.Code(rawValue: "unknown_value")
    /// A unit code that is not in the directory.
    public static let unknownUnit = FieldError.Code(rawValue: "unknown_unit")
    /// A unit code or rule id outside `[a-z][a-z0-9_.]*`.
    public static let invalidCode = FieldError.Code(rawValue: "invalid_code")
    /// The same code, id, topic, keyword or credit code twice.
    public static let duplicate = FieldError.Code(rawValue: "duplicate")
    /// A value that is well-formed but not allowed here (changing a level, a rule naming the desk, …).
    public static let notAllowed = FieldError.Code(rawValue: "not_allowed")
    /// A CSV file whose header, quoting or field count is wrong.
    public static let malformedCSV = FieldError.Code(rawValue: "malformed_csv")
}
