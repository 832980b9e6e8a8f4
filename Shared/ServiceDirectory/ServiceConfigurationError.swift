/// A variable with a value that cannot be used; a service refuses to start, `subanctl` to call.
public struct ServiceConfigurationError: Error, CustomStringConvertible, Equatable {
    public var variable: String
    public var value: String
    public var expected: String

    public init(variable: String, value: String, expected: String) {
        self.variable = variable
        self.value = value
        self.expected = expected
    }

    public var description: String { "\(variable)=\"\(value)\" is invalid: expected \(expected)" }

    /// The integer `variable` holds, `defaultValue` when it is not set, or an error naming the
    /// variable when it is not an integer in `range`.
    public static func integer(
        _ environment: [String: String],
        _ variable: String,
        default defaultValue: Int,
        in range: ClosedRange<Int>
    ) throws(ServiceConfigurationError) -> Int {
        guard let text = environment[variable] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw ServiceConfigurationError(
                variable: variable, value: text, expected: "an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }
}
