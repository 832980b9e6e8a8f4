extension BureauUnit {
    /// The longest unit name or person name accepted; the 12345 platform's own fields are shorter.
    public static let maximumNameLength = 100
    /// The longest unit code or rule id accepted.
    public static let maximumCodeLength = 64

    /// Every problem of the unit taken on its own, in field order; empty when it is acceptable.
    ///
    /// Fields are named by their JSON path (`name`, `liaison.email`, `topics[1]`). People's names may be left
    /// blank (the e-mail address is what Suban uses), but every e-mail address must be valid, because 交办单 and
    /// reminders are sent to them.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if !Self.isValidCode(code) {
            errors.append(
                .init(
                    field: "code", code: RoutingFieldCode.invalidCode,
                    message: "a unit code is 1 to \(Self.maximumCodeLength) characters of a-z, 0-9 and _, starting with a letter"
                )
            )
        }
        if WorkOrder.isBlank(name) {
            errors.append(.init(field: "name", code: .required, message: "the unit's name is required"))
        } else if name.count > Self.maximumNameLength {
            errors.append(
                .init(field: "name", code: .tooLong, message: "the unit's name exceeds \(Self.maximumNameLength) characters")
            )
        }
        errors += Self.contactErrors(liaison, field: "liaison", role: "liaison")
        errors += Self.contactErrors(leader, field: "leader", role: "unit leader")
        errors += Self.contactErrors(deputyLeader, field: "deputy_leader", role: "deputy leader")
        var seen = Set<WorkOrder.Topic>()
        for (index, topic) in topics.enumerated() where !seen.insert(topic).inserted {
            errors.append(
                .init(field: "topics[\(index)]", code: RoutingFieldCode.duplicate, message: "topic \(topic.rawValue) is listed twice")
            )
        }
        return errors
    }

    private static func contactErrors(_ contact: Contact, field: String, role: String) -> [FieldError] {
        var errors: [FieldError] = []
        if contact.name.count > maximumNameLength {
            errors.append(
                .init(
                    field: field + ".name", code: .tooLong,
                    message: "the \(role)'s name exceeds \(maximumNameLength) characters"
                )
            )
        }
        if contact.email.isEmpty {
            errors.append(.init(field: field + ".email", code: .required, message: "the \(role)'s e-mail address is required"))
        } else if !EmailAddress.isValid(contact.email) {
            // The value is not repeated: it may be a person's private address.
            errors.append(
                .init(
                    field: field + ".email", code: RoutingFieldCode.invalidEmail,
                    message: "the \(role)'s e-mail address is not a valid address"
                )
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
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || (allowingDots && scalar == ".")
        }
    }
}
