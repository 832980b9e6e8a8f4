extension UnitDirectory {
    /// Why an edit of a unit, or an imported directory, was refused; the directory is unchanged.
    public struct UpdateError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Every problem, fields named by their path within the unit (`topics[0]`) or the file (`csv.line[3].level`).
        public var fieldErrors: [FieldError]

        public init(fieldErrors: [FieldError]) {
            self.fieldErrors = fieldErrors
        }

        public var description: String {
            "unit update refused: " + fieldErrors.map(\.description).joined(separator: "; ")
        }
    }

    /// Every problem of replacing the unit of the same code with `unit`; empty when the edit is acceptable.
    ///
    /// The code must exist. The level cannot change: the desk and the enterprise-help liaison are what the router
    /// relies on, and a level-2 unit turned into a second desk would break that. The desk stays active.
    public func problems(updating unit: BureauUnit) -> [FieldError] {
        guard let current = self[unit.code] else {
            return [
                FieldError(
                    field: "code", code: RoutingFieldCode.unknownUnit,
                    message: "there is no unit with code \"\(unit.code)\""
                )
            ]
        }
        var errors = unit.validate()
        if unit.level != current.level {
            errors.append(
                FieldError(
                    field: "level", code: RoutingFieldCode.notAllowed,
                    message: "the level of \(current.code) is \(current.level.rawValue) and cannot be changed"
                )
            )
        } else if unit.level == .desk && !unit.active {
            errors.append(
                FieldError(
                    field: "active", code: RoutingFieldCode.notAllowed,
                    message: "the desk takes what nobody else can and cannot be made inactive"
                )
            )
        }
        return errors
    }

    /// Replaces the unit of the same code with `unit`, or throws every problem and changes nothing.
    public mutating func update(_ unit: BureauUnit) throws(UpdateError) {
        let errors = problems(updating: unit)
        guard errors.isEmpty else { throw UpdateError(fieldErrors: errors) }
        // `problems` refuses a code the directory lacks, so the unit is found.
        guard let index = units.firstIndex(where: { $0.code == unit.code }) else {
            throw UpdateError(fieldErrors: [FieldError(field: "code", code: .required, message: "no unit \(unit.code)")]
            )
        }
        units[index] = unit
    }
}
