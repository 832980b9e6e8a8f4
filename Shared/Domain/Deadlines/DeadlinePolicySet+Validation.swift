// The rules a policy set obeys as a whole, beyond each value's range (checked while decoding):
// names are unique, every kind has a default, no two policies tie for the same order, and the
// extension rule names kinds that exist.

extension DeadlinePolicySet {
    /// Why a policy set was rejected: a code, the offending field as a JSON path
    /// (`policies[2].due.workingDays`) and a message for the administrator.
    public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The kind of failure. Opaque so that new rules can be added without breaking callers.
        public struct Code: Sendable, Hashable, CustomStringConvertible {
            private enum Wrapped: String, Sendable, Hashable {
                case malformedJSON, unknownField, invalidValue, duplicateName, missingDefault, ambiguousMatch
            }

            private let wrapped: Wrapped
            private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

            /// The bytes are not JSON of the documented shape (missing field, wrong type).
            public static let malformedJSON = Code(.malformedJSON)
            /// An object has a field the format does not define (usually a misspelt one).
            public static let unknownField = Code(.unknownField)
            /// A value is out of range, empty, or not one of the allowed names.
            public static let invalidValue = Code(.invalidValue)
            /// Two policies have the same name.
            public static let duplicateName = Code(.duplicateName)
            /// A clock kind has no policy without `match`, so some orders would get no clock.
            public static let missingDefault = Code(.missingDefault)
            /// Two equally specific policies of one kind match the same order.
            public static let ambiguousMatch = Code(.ambiguousMatch)

            public var description: String { wrapped.rawValue }
        }

        /// What went wrong.
        public let code: Code
        /// The offending field as a JSON path.
        public let field: String?
        /// A sentence for the administrator.
        public let message: String

        /// Creates an error.
        public init(code: Code, field: String?, message: String) {
            self.code = code
            self.field = field
            self.message = message
        }

        public var description: String {
            "DeadlinePolicySet.ValidationError(\(code)" + (field.map { ", field: \($0)" } ?? "") + "): \(message)"
        }
    }

    /// At most this many warnings per policy: more is noise in the order's log.
    static let maximumWarnings = 10

    static func validate(profile: String, policies: [DeadlinePolicy], extensionRule: ExtensionRule)
        throws(ValidationError)
    {
        guard profile.contains(where: { !$0.isWhitespace }) else {
            throw ValidationError(code: .invalidValue, field: "profile", message: "the profile name is empty")
        }
        var names = Set<String>()
        for (index, policy) in policies.enumerated() {
            try validate(policy, field: "policies[\(index)]")
            guard names.insert(policy.name).inserted else {
                throw ValidationError(
                    code: .duplicateName,
                    field: "policies[\(index)].name",
                    message: "policy name \(policy.name) is used twice"
                )
            }
        }
        for kind in ClockKind.allCases {
            try validateSelection(of: kind, in: policies)
        }
        guard !extensionRule.kinds.isEmpty, Set(extensionRule.kinds).count == extensionRule.kinds.count else {
            throw ValidationError(
                code: .invalidValue,
                field: "extension.kinds",
                message: "extension.kinds must name at least one clock kind, each once"
            )
        }
        guard (1...DueRule.maximumMonths).contains(extensionRule.capMonths) else {
            throw ValidationError(
                code: .invalidValue,
                field: "extension.capMonths",
                message: "extension.capMonths must be 1...\(DueRule.maximumMonths)"
            )
        }
    }

    private static func validate(_ policy: DeadlinePolicy, field: String) throws(ValidationError) {
        let name = policy.name
        guard !name.isEmpty, name.count <= 64, !name.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw ValidationError(
                code: .invalidValue,
                field: field + ".name",
                message: "\(field).name must be 1 to 64 characters without spaces or slashes"
            )
        }
        guard policy.warnings.count <= maximumWarnings else {
            throw ValidationError(
                code: .invalidValue,
                field: field + ".warnings",
                message: "\(field).warnings has \(policy.warnings.count) entries; at most \(maximumWarnings)"
            )
        }
        guard Set(policy.warnings).count == policy.warnings.count else {
            throw ValidationError(
                code: .invalidValue, field: field + ".warnings", message: "\(field).warnings lists one twice")
        }
        if let reminders = policy.reminders, reminders.everyMinutes < 1 || (reminders.limit ?? 1) < 1 {
            throw ValidationError(
                code: .invalidValue,
                field: field + ".reminders",
                message: "\(field).reminders needs everyMinutes and limit of at least 1"
            )
        }
    }

    /// Every kind has a default, and for every combination of attributes an order can have, the
    /// most specific matching policy is unique.
    private static func validateSelection(of kind: ClockKind, in policies: [DeadlinePolicy]) throws(ValidationError) {
        let candidates = policies.enumerated().filter { $0.element.kind == kind }
        guard candidates.contains(where: { $0.element.match == .any }) else {
            throw ValidationError(
                code: .missingDefault,
                field: "policies",
                message: "no policy of kind \(kind.rawValue) without match: it needs a default"
            )
        }
        let urgencies: [WorkOrder.Urgency?] = [nil] + WorkOrder.Urgency.allCases
        let orderKinds: [WorkOrder.Kind?] = [nil] + WorkOrder.Kind.allCases
        for urgency in urgencies {
            for orderKind in orderKinds {
                let matching = candidates.filter { $0.element.match.matches(urgency: urgency, orderKind: orderKind) }
                let best = matching.map(\.element.match.specificity).max() ?? 0
                let tied = matching.filter { $0.element.match.specificity == best }
                if tied.count > 1 {
                    throw ValidationError(
                        code: .ambiguousMatch,
                        field: "policies[\(tied[1].offset)].match",
                        message: "policies \(tied[0].element.name) and \(tied[1].element.name) both match "
                            + "\(kind.rawValue) clocks of \(urgency?.rawValue ?? "any urgency") "
                            + "\(orderKind?.rawValue ?? "orders of any kind")"
                    )
                }
            }
        }
    }
}
