extension UnitDirectory {
    /// What importing a directory file changes, unit codes in directory order.
    public struct ImportSummary: Sendable, Hashable {
        public var added: [String] = []
        public var changed: [String] = []
        public var unchanged: [String] = []
    }

    /// Every problem of replacing this directory with `imported`, which is valid on its own.
    ///
    /// No unit may be left out: orders, accounts, rules and the assessment name units by code for as long as
    /// they are kept, so a unit that no longer takes orders is marked `active` false instead. A unit's level
    /// cannot change, for the reason ``problems(updating:)`` gives.
    public func problems(importing imported: UnitDirectory) -> [FieldError] {
        var errors: [FieldError] = []
        for current in units {
            guard let index = imported.units.firstIndex(where: { $0.code == current.code }) else {
                errors.append(
                    FieldError(
                        field: "units", code: RoutingFieldCode.notAllowed,
                        message:
                            "the unit \(current.code) (\(current.name)) is missing; orders and accounts name it, so keep it with active false"
                    )
                )
                continue
            }
            if imported.units[index].level != current.level {
                errors.append(
                    FieldError(
                        field: "units[\(index)].level", code: RoutingFieldCode.notAllowed,
                        message: "the level of \(current.code) is \(current.level.rawValue) and cannot be changed"
                    )
                )
            }
        }
        return errors
    }

    /// Which units `imported` adds, changes or leaves as they are.
    public func summary(importing imported: UnitDirectory) -> ImportSummary {
        var summary = ImportSummary()
        for unit in imported.units {
            switch self[unit.code] {
            case nil: summary.added.append(unit.code)
            case unit?: summary.unchanged.append(unit.code)
            default: summary.changed.append(unit.code)
            }
        }
        return summary
    }
}
