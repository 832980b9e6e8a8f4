import Domain
import Foundation
import RPC
import WireProtocol

/// The coordination service's own kinds of request values.
extension ViolationCollector {
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
}

extension Meeting.Attendance {
    init(wire entry: Wire.AttendanceEntry) {
        self.init(
            unit: entry.unit, present: entry.present, attendees: entry.attendees,
            note: entry.note.isEmpty ? nil : entry.note)
    }
}
