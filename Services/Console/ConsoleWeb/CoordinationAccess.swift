import Domain
import Foundation
import WireProtocol

/// Which coordination steps the signed-in person is offered, and in which role they act: the
/// coordination domain's own rules (its transition tables, `CoordinationAction.Kind.permittedRoles`
/// and `CoordinationCase.authorize`), asked here only to choose which forms to show. Coordination
/// applies the same rules again to every request and has the last word.
enum CoordinationAccess {
    /// The roles that take some step of a coordination, and the bureau's leaders, who watch them.
    static let participatingRoles: Set<Role> = CoordinationAction.Kind.allCases
        .reduce(into: [Role.bureauLeader]) { $0.formUnion($1.permittedRoles) }

    /// Whether the navigation offers 协调会商 to this person (anyone signed in may still open the pages).
    static func takesPart(_ staff: SignedInStaff) -> Bool {
        !staff.roles.isDisjoint(with: participatingRoles)
    }

    /// The first of the person's roles in which the domain lets them take `kind` on a case of
    /// `track` led by `leadUnit` (`owners`: an action item's owner completing it); nil when none.
    static func actingRole(
        _ kind: CoordinationAction.Kind, staff: SignedInStaff, track: WorkOrder.Track, leadUnit: String,
        owners: [String] = []
    ) -> Role? {
        staff.roles.sorted().first { role in
            let actor = WorkOrder.Actor(id: staff.login, role: role, unitCode: staff.unit)
            do {
                try CoordinationCase.authorize(actor, kind, track: track, leadUnit: leadUnit, owners: owners)
                return true
            } catch {
                return false
            }
        }
    }

    /// The role a posted step is sent in: the one the domain accepts, else any role the step ever
    /// permits (coordination then says why not, in its own words); nil when the person holds none.
    static func requestRole(
        _ kind: CoordinationAction.Kind, staff: SignedInStaff, track: WorkOrder.Track, leadUnit: String,
        owners: [String] = []
    ) -> Role? {
        actingRole(kind, staff: staff, track: track, leadUnit: leadUnit, owners: owners)
            ?? kind.permittedRoles.intersection(staff.roles).sorted().first
    }

    /// Whether the case's state lets `kind` happen and the person may take it.
    static func offers(
        _ kind: CoordinationAction.Kind, on view: Wire.CoordinationCaseView, staff: SignedInStaff, owners: [String] = []
    ) -> Bool {
        guard let state = CoordinationCase.State(rawValue: view.state),
            CoordinationCase.permittedActions(in: state).contains(kind)
        else { return false }
        return actingRole(kind, staff: staff, track: track(of: view), leadUnit: view.leadUnit, owners: owners) != nil
    }

    /// Whether a meeting in `state` can take `action` now (its own transition table).
    static func meeting(_ state: String, allows action: Meeting.Action) -> Bool {
        guard let state = Meeting.State(rawValue: state) else { return false }
        return Meeting.transitions[state]?[action] != nil
    }

    /// Whether the order may get a case (joint handling or the green channel, in a state where a
    /// coordination still changes the reply) and the person may open it.
    static func mayOpen(_ order: Wire.WorkOrderView, staff: SignedInStaff) -> Bool {
        guard isCoordinated(order), let state = WorkOrder.State(rawValue: order.state),
            CoordinationCase.coordinatableOrderStates.contains(state), let lead = order.responsibleUnits.first
        else { return false }
        return actingRole(
            .open, staff: staff, track: WorkOrder.Track(rawValue: order.track) ?? .regular, leadUnit: lead) != nil
    }

    /// Orders a coordination case can belong to.
    static func isCoordinated(_ order: Wire.WorkOrderView) -> Bool {
        order.handlingMode == WorkOrder.HandlingMode.jointHandling.rawValue
            || order.track == WorkOrder.Track.greenChannel.rawValue
    }

    static func track(of view: Wire.CoordinationCaseView) -> WorkOrder.Track {
        WorkOrder.Track(rawValue: view.track) ?? .regular
    }
}
