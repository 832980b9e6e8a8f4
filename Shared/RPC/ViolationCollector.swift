import Foundation
public import WireProtocol

/// Reads typed values from a request's wire strings, collecting a field violation for every bad
/// one, so that a refusal names them all at once.
public struct ViolationCollector: Sendable {
    public var violations: [FieldViolation] = []

    public init() {}

    /// The case `text` names; unknown or empty text is a violation that lists the allowed values.
    public mutating func value<Value: RawRepresentable>(_ type: Value.Type, _ text: String, field: String) -> Value?
    where Value.RawValue == String, Value: CaseIterable {
        if let value = Value(rawValue: text) { return value }
        let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
        violations.append(
            FieldViolation(
                field: field,
                code: text.isEmpty ? "required" : "unknown_value",
                message: text.isEmpty ? "required; one of \(allowed)" : "\"\(text)\" is not one of \(allowed)"
            )
        )
        return nil
    }

    /// `text` unless it is blank.
    public mutating func require(_ text: String, field: String) -> String? {
        if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return text }
        violations.append(FieldViolation(field: field, code: "required", message: "required"))
        return nil
    }

    public func check(_ summary: String) throws(RPCError) {
        if !violations.isEmpty { throw refusal(summary) }
    }

    /// The refusal that names every violation collected, for a `guard` that also unwraps the values read.
    public func refusal(_ summary: String) -> RPCError {
        RPCError(.invalidArgument, summary, fieldViolations: violations)
    }
}
