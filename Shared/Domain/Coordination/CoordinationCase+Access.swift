// Who may act on a case, and the checks on the texts people type. Checks run in a fixed order so that the error
// names the first thing wrong: the role may never do this, then the case's track, then the actor's unit.
extension CoordinationCase {
    static let maximumTextLength = 4000
    static let maximumItemLength = 500
    static let maximumReasonLength = 500
    static let maximumNameLength = 100

    /// Checks `actor` may perform `kind` on a case of `track` led by `leadUnit`. `owners` are further units whose
    /// liaison or leader may act (an action item's owner completing it). Public so that the console offers the forms
    /// of exactly these rules; the service still applies them to every request.
    public static func authorize(
        _ actor: WorkOrder.Actor,
        _ kind: CoordinationAction.Kind,
        track: WorkOrder.Track,
        leadUnit: String,
        owners: [String] = []
    ) throws(CoordinationError) {
        guard kind.permittedRoles.contains(actor.role) else {
            throw CoordinationError(.forbidden(role: actor.role, action: kind))
        }
        switch actor.role {
        case .taskForce where track != .greenChannel:
            // The task force (营商环境专班) runs the green channel, not every joint-handling order.
            throw CoordinationError(.forbidden(role: actor.role, action: kind))
        case .liaison, .unitLeader:
            guard let unit = actor.unitCode, unit == leadUnit || owners.contains(unit) else {
                throw CoordinationError(.wrongUnit(unit: actor.unitCode, action: kind))
            }
        default:
            break
        }
    }

    /// Blank means empty or whitespace only, full-width spaces included.
    static func isBlank(_ text: String?) -> Bool {
        text?.allSatisfy(\.isWhitespace) ?? true
    }

    static func requireText(_ text: String, field: String, maximum: Int) throws(CoordinationError) {
        guard !isBlank(text) else { throw CoordinationError(.missingArgument(field: field)) }
        try requireLength(text, field: field, maximum: maximum)
    }

    static func requireLength(_ text: String, field: String, maximum: Int) throws(CoordinationError) {
        guard text.count <= maximum else {
            throw CoordinationError(.invalidArgument(field: field, reason: "longer than \(maximum) characters"))
        }
    }

    /// Optional texts are kept only when they say something.
    static func text(_ text: String) -> String? {
        isBlank(text) ? nil : text
    }
}
