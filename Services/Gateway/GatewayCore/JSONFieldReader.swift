import Domain
import Foundation
import PlatformAdapter

/// Reads typed fields out of a JSON object and collects a problem for every one that is missing
/// or ill-typed, so that one answer names them all. Unknown fields are ignored: a platform may add
/// fields without breaking the adapter.
struct JSONFieldReader {
    private(set) var problems: [APIError.FieldProblem] = []

    mutating func problem(_ field: String, _ code: String, _ message: String) {
        problems.append(APIError.FieldProblem(field: field, code: code, message: message))
    }

    /// The member `key` of `object`, or `nil` when absent or `null` (a problem if `required`).
    private mutating func member(_ object: JSONValue, _ key: String, path: String, required: Bool) -> JSONValue? {
        let value = object[key]
        if value == nil || value == .null {
            if required { problem(path, "required", "required") }
            return nil
        }
        return value
    }

    private mutating func wrongType(_ path: String, expected: String, got value: JSONValue) {
        problem(path, "wrong_type", "must be a \(expected), not a \(value.typeName)")
    }

    mutating func string(
        _ object: JSONValue, _ key: String, prefix: String = "", required: Bool = true, maxLength: Int = 2000
    ) -> String? {
        let path = prefix + key
        guard let value = member(object, key, path: path, required: required) else { return nil }
        guard let text = value.stringValue else {
            wrongType(path, expected: "string", got: value)
            return nil
        }
        if required, text.allSatisfy(\.isWhitespace) {
            problem(path, "required", "must not be blank")
            return nil
        }
        guard text.count <= maxLength else {
            problem(path, "too_long", "at most \(maxLength) characters")
            return nil
        }
        guard !text.unicodeScalars.contains(where: { $0.value == 0 }) else {
            problem(path, "invalid_format", "must not contain NUL characters")
            return nil
        }
        return text
    }

    /// A string that must be one of `allowed`.
    mutating func oneOf(
        _ object: JSONValue, _ key: String, prefix: String = "", allowed: [String], required: Bool = true
    ) -> String? {
        guard let text = string(object, key, prefix: prefix, required: required, maxLength: 64) else { return nil }
        guard allowed.contains(text) else {
            problem(prefix + key, "unknown_value", "\"\(text)\" is not one of \(allowed.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// An identifier: 1–64 of `A-Z a-z 0-9 _ -` (order numbers, event ids).
    mutating func identifier(_ object: JSONValue, _ key: String, prefix: String = "") -> String? {
        guard let text = string(object, key, prefix: prefix, maxLength: 64) else { return nil }
        guard PlatformAPI.isValidOrderNumber(text) else {
            problem(prefix + key, "invalid_format", "1 to 64 of A-Z a-z 0-9 _ -")
            return nil
        }
        return text
    }

    mutating func bool(_ object: JSONValue, _ key: String, prefix: String = "", required: Bool = true) -> Bool? {
        let path = prefix + key
        guard let value = member(object, key, path: path, required: required) else { return nil }
        guard let flag = value.boolValue else {
            wrongType(path, expected: "boolean", got: value)
            return nil
        }
        return flag
    }

    mutating func integer(
        _ object: JSONValue, _ key: String, prefix: String = "", in range: ClosedRange<Int64>, required: Bool = true
    ) -> Int64? {
        let path = prefix + key
        guard let value = member(object, key, path: path, required: required) else { return nil }
        guard let number = value.integerValue else {
            wrongType(path, expected: "whole number", got: value)
            return nil
        }
        guard range.contains(number) else {
            problem(path, "out_of_range", "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return number
    }

    /// An ISO 8601 timestamp with an offset (`2026-11-27T09:30:00+08:00`).
    mutating func timestamp(_ object: JSONValue, _ key: String, prefix: String = "", required: Bool = true) -> Date? {
        guard let text = string(object, key, prefix: prefix, required: required, maxLength: 40) else { return nil }
        guard let date = ShanghaiTime.parseISO8601(text) else {
            problem(prefix + key, "invalid_format", "an ISO 8601 time with offset, e.g. 2026-11-27T09:30:00+08:00")
            return nil
        }
        return date
    }

    /// A calendar day, `YYYY-MM-DD`.
    mutating func date(_ object: JSONValue, _ key: String, prefix: String = "", required: Bool = true) -> LocalDate? {
        guard let text = string(object, key, prefix: prefix, required: required, maxLength: 40) else { return nil }
        guard let date = LocalDate(text) else {
            problem(prefix + key, "invalid_format", "a day as YYYY-MM-DD, e.g. 2026-12-31")
            return nil
        }
        return date
    }

    mutating func object(_ object: JSONValue, _ key: String, prefix: String = "", required: Bool = true) -> JSONValue? {
        let path = prefix + key
        guard let value = member(object, key, path: path, required: required) else { return nil }
        guard case .object = value else {
            wrongType(path, expected: "object", got: value)
            return nil
        }
        return value
    }

    mutating func array(_ object: JSONValue, _ key: String, prefix: String = "", maxCount: Int) -> [JSONValue]? {
        let path = prefix + key
        guard let value = member(object, key, path: path, required: false) else { return nil }
        guard let items = value.arrayValue else {
            wrongType(path, expected: "array", got: value)
            return nil
        }
        guard items.count <= maxCount else {
            problem(path, "too_long", "at most \(maxCount) items")
            return nil
        }
        return items
    }
}
