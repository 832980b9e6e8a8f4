/// Every deadline policy of a deployment: the acknowledgement clocks, the handling defaults per
/// order kind, the green-channel stages, action items, and the extension cap.
///
/// Configuration, not code: `shippedDefault` is the bureau's profile (DESIGN.md and
/// domain-notes.md), and the SLA service reads a replacement from the JSON file named by
/// `SUBAN_SLA_POLICY_FILE` (format in `Services/SLA/README.md`). Every value of this type has
/// passed validation: each kind has a default policy and no two policies tie for an order.
public struct DeadlinePolicySet: Sendable, Hashable {
    /// How far an extension (延期) may move a clock, and which clocks may be extended.
    public struct ExtensionRule: Sendable, Hashable {
        /// At most this many calendar months beyond the original due instant (13710: one month).
        public let capMonths: Int
        /// The kinds of clock an extension moves, in order of preference: an order's extension
        /// applies to its running clock of the first kind in this list that it has.
        public let kinds: [ClockKind]

        /// Creates a rule; validated when the set is built.
        public init(capMonths: Int, kinds: [ClockKind]) {
            self.capMonths = capMonths
            self.kinds = kinds
        }
    }

    /// A name for the profile, printed by the service at start ("suban-default").
    public let profile: String
    /// The policies in the order the file lists them.
    public let policies: [DeadlinePolicy]
    /// The extension cap.
    public let extensionRule: ExtensionRule

    /// Builds and validates a set; throws the first rule broken (see `ValidationError.Code`).
    public init(profile: String, policies: [DeadlinePolicy], extensionRule: ExtensionRule) throws(ValidationError) {
        try DeadlinePolicySet.validate(profile: profile, policies: policies, extensionRule: extensionRule)
        self.profile = profile
        self.policies = policies
        self.extensionRule = extensionRule
    }

    /// The policy called `name`.
    public func policy(named name: String) -> DeadlinePolicy? {
        policies.first { $0.name == name }
    }

    /// The policy for a clock of `kind` on an order with these attributes: the most specific
    /// matching one. Never fails, because validation requires a default for every kind.
    public func policy(for kind: ClockKind, urgency: WorkOrder.Urgency?, orderKind: WorkOrder.Kind?) -> DeadlinePolicy {
        var best: DeadlinePolicy?
        for policy in policies where policy.kind == kind && policy.match.matches(urgency: urgency, orderKind: orderKind)
        {
            if let current = best, current.match.specificity >= policy.match.specificity { continue }
            best = policy
        }
        // Only a set that skipped validation (`shippedDefault` if its JSON broke) lacks a default:
        // its clocks then need the caller's due, and are refused without one, instead of a crash.
        return best ?? DeadlinePolicy(name: "\(kind.rawValue)-unconfigured", kind: kind, due: .givenByCaller)
    }

    /// A set that has not passed validation, for `shippedDefault`'s fallback only.
    init(unvalidatedProfile profile: String, policies: [DeadlinePolicy], extensionRule: ExtensionRule) {
        self.profile = profile
        self.policies = policies
        self.extensionRule = extensionRule
    }
}
