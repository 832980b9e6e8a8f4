public import Domain
import Foundation

/// An order's profile and facts: everything the assessment knows of it, derived from the order and
/// its event log alone, so that the stored projection can always be rebuilt and checked.
public struct OrderProjection: Sendable, Hashable {
    public var profile: OrderProfile
    public var facts: [OrderFact]

    public init(profile: OrderProfile, facts: [OrderFact]) {
        self.profile = profile
        self.facts = facts
    }

    /// Derives the projection of `order` from `events`, its whole log in sequence order. The
    /// definitions are those of docs/assessment.md; each is marked there with the fact kind.
    public static func derive(order: WorkOrder, events: [WorkOrderEvent], rules: AssessmentRules) -> OrderProjection {
        var derivation = Derivation(order: order, events: events, rules: rules)
        derivation.run()
        return OrderProjection(
            profile: OrderProfile(order: order, unit: order.responsibleUnits.first ?? rules.deskUnit),
            facts: derivation.facts
        )
    }
}
