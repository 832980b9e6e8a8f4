extension BureauUnit {
    /// The longest unit name accepted; the 12345 platform's own fields are shorter.
    public static let maximumNameLength = 100
    /// The longest unit code or rule id accepted.
    public static let maximumCodeLength = 64

    /// Every problem of the unit taken on its own, in field order; empty when it is acceptable.
    ///
    /// Fields are named by their JSON path (`name`, `topics[1]`).
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if !Self.isValidCode(code) {
            errors.append(
                .init(
                    field: "code", code: RoutingFieldCode.invalidCode,
                    message:
                        "a unit code is 1 to \(Self.maximumCodeLength) characters of a-z, 0-9 and _, starting with a letter"
                )
            )
        }
        if WorkOrder.isBlank(name) {
            errors.append(.init(field: "name", code: .required, message: "the unit's name is required"))
        } else if name.count > Self.maximumNameLength {
            errors.append(
                .init(
                    field: "name", code: .tooLong,
                    message: "the unit's name exceeds \(Self.maximumNameLength) characters")
            )
        }
        var seen = Set<WorkOrder.Topic>()
        for (index, topic) in topics.enumerated() where !seen.insert(topic).inserted {
            errors.append(
                .init(
                    field: "topics[\(index)]", code: RoutingFieldCode.duplicate,
                    message: "topic \(topic.rawValue) is listed twice")
            )
        }
        return errors
    }

    /// Whether `code` is a stable identifier: a lower-case letter, then lower-case letters, digits, `_`, and
    /// (when `allowingDots`, for rule ids such as `wage_arrears.special_case`) dots.
    static func isValidCode(_ code: String, allowingDots: Bool = false) -> Bool {
        guard let first = code.unicodeScalars.first, ("a"..."z").contains(first),
            code.unicodeScalars.count <= maximumCodeLength
        else { return false }
        return code.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
                || (allowingDots && scalar == ".")
        }
    }
}
