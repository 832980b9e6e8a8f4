/// One configured way of running a clock: which clocks it applies to, how the due instant is
/// computed, when warnings go out before it, and how often reminders (催办) follow while overdue.
///
/// Policies are configuration (`DeadlinePolicySet`), not code: the bureau's profile, the 13710
/// green channel and any local variant are JSON files.
public struct DeadlinePolicy: Sendable, Hashable {
    /// Which orders a policy applies to among the clocks of its kind. An empty match applies to
    /// every order and is the kind's default; a more specific match wins over a less specific one.
    public struct Match: Sendable, Hashable {
        /// The urgencies the policy applies to; `nil` for any.
        public let urgency: Set<WorkOrder.Urgency>?
        /// The order kinds the policy applies to; `nil` for any.
        public let orderKind: Set<WorkOrder.Kind>?

        /// Creates a match; `nil` leaves a dimension open.
        public init(urgency: Set<WorkOrder.Urgency>? = nil, orderKind: Set<WorkOrder.Kind>? = nil) {
            self.urgency = urgency
            self.orderKind = orderKind
        }

        /// Matches everything: the kind's default.
        public static let any = Match()

        /// How many dimensions the match restricts; the most specific matching policy is chosen.
        public var specificity: Int { (urgency == nil ? 0 : 1) + (orderKind == nil ? 0 : 1) }

        /// Whether an order with these attributes is matched. An attribute the caller did not give
        /// (`nil`) matches only an open dimension.
        public func matches(urgency: WorkOrder.Urgency?, orderKind: WorkOrder.Kind?) -> Bool {
            if let allowed = self.urgency {
                guard let urgency, allowed.contains(urgency) else { return false }
            }
            if let allowed = self.orderKind {
                guard let orderKind, allowed.contains(orderKind) else { return false }
            }
            return true
        }
    }

    /// The policy's name, unique within its set and recorded on every clock it starts
    /// (`acknowledge.urgent`).
    public let name: String
    /// The clocks it applies to.
    public let kind: ClockKind
    /// Which orders of that kind it applies to.
    public let match: Match
    /// How the due instant is computed.
    public let due: DueRule
    /// When warnings go out before the due instant.
    public let warnings: [WarningOffset]
    /// Reminders while overdue; `nil` sends none.
    public let reminders: ReminderRule?

    /// Creates a policy. Values are checked when the policy joins a `DeadlinePolicySet`.
    public init(
        name: String,
        kind: ClockKind,
        match: Match = .any,
        due: DueRule,
        warnings: [WarningOffset] = [],
        reminders: ReminderRule? = nil
    ) {
        self.name = name
        self.kind = kind
        self.match = match
        self.due = due
        self.warnings = warnings
        self.reminders = reminders
    }
}
