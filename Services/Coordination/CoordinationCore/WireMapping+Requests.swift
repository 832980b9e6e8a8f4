import Domain
import Foundation
import RPC
import WireProtocol

/// Reads domain values from wire requests, collecting a field violation for every bad one.
struct ViolationCollector {
    var violations: [FieldViolation] = []

    mutating func value<Value: RawRepresentable>(_ type: Value.Type, _ text: String, field: String) -> Value?
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

    mutating func require(_ text: String, field: String) -> String? {
        if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return text }
        violations.append(FieldViolation(field: field, code: "required", message: "required"))
        return nil
    }

    /// An instant given in Unix milliseconds; 0 (absent) and negative values are violations.
    mutating func instant(_ milliseconds: Int64, field: String) -> Date? {
        if milliseconds > 0 { return Date(unixMilliseconds: milliseconds) }
        violations.append(
            FieldViolation(
                field: field, code: milliseconds == 0 ? "required" : "invalid_time", message: "Unix milliseconds")
        )
        return nil
    }

    /// `<case id>/<kind>/<n>`.
    mutating func reference(_ id: String, kind: String, field: String) -> (caseID: String, number: Int)? {
        if let parsed = CoordinationCase.parse(id, kind: kind) { return parsed }
        violations.append(
            FieldViolation(
                field: field, code: id.isEmpty ? "required" : "malformed",
                message: "expected <case id>/\(kind)/<number>")
        )
        return nil
    }

    func check(_ summary: String) throws(RPCError) {
        if !violations.isEmpty { throw refusal(summary) }
    }

    /// The refusal that names every violation collected, for a `guard` that also unwraps the values read.
    func refusal(_ summary: String) -> RPCError {
        RPCError(.invalidArgument, summary, fieldViolations: violations)
    }
}

extension Meeting.Attendance {
    init(wire entry: Wire.AttendanceEntry) {
        self.init(
            unit: entry.unit, present: entry.present, attendees: entry.attendees,
            note: entry.note.isEmpty ? nil : entry.note)
    }
}
