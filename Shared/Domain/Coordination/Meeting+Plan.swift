public import Foundation

extension Meeting {
    /// What scheduling a meeting asks for.
    public struct Plan: Sendable, Hashable, Codable {
        public var slot: Slot
        public var place: String
        public var callLink: String
        public var agenda: String
        public var invitedUnits: [String]

        public init(slot: Slot, place: String = "", callLink: String = "", agenda: String, invitedUnits: [String]) {
            self.slot = slot
            self.place = place
            self.callLink = callLink
            self.agenda = agenda
            self.invitedUnits = invitedUnits
        }
    }

    /// The longest meeting: a working day. Longer is a typing error (a wrong date), not a meeting.
    public static let maximumDuration: TimeInterval = 12 * 3600

    /// How far in the past a meeting may start when it is scheduled: a coordinator who convened the units on the
    /// spot (赴现场协调) records the meeting afterwards, the same or the next day.
    public static let recordingGrace: TimeInterval = 24 * 3600

    static let maximumPlaceLength = 200
    static let maximumLinkLength = 500
    static let maximumAgendaLength = 2000

    /// Checks a slot: it ends after it starts, lasts at most ``maximumDuration``, and starts no earlier than
    /// `earliest` (else `tooEarly` says why).
    static func validate(_ slot: Slot, earliest: Date, tooEarly: String) throws(CoordinationError) {
        guard slot.end > slot.start else {
            throw CoordinationError(.invalidArgument(field: "ends_at", reason: "the meeting must end after it starts"))
        }
        guard slot.end.timeIntervalSince(slot.start) <= maximumDuration else {
            throw CoordinationError(
                .invalidArgument(
                    field: "ends_at", reason: "a meeting lasts at most \(Int(maximumDuration / 3600)) hours")
            )
        }
        guard slot.start >= earliest else {
            throw CoordinationError(
                .invalidArgument(field: "starts_at", reason: "\(ShanghaiTime.iso8601(slot.start)) \(tooEarly)")
            )
        }
    }

    /// The plan as it will be kept: texts checked, the lead unit invited first, no unit twice.
    static func validated(_ plan: Plan, leadUnit: String, at now: Date) throws(CoordinationError) -> Plan {
        try validate(
            plan.slot, earliest: now.addingTimeInterval(-recordingGrace),
            tooEarly: "lies more than \(Int(recordingGrace / 3600)) hours in the past"
        )
        var plan = plan
        plan.place = plan.place.trimmingCharacters(in: .whitespacesAndNewlines)
        plan.callLink = plan.callLink.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !plan.place.isEmpty || !plan.callLink.isEmpty else {
            throw CoordinationError(.missingArgument(field: "place"))
        }
        try CoordinationCase.requireLength(plan.place, field: "place", maximum: maximumPlaceLength)
        try CoordinationCase.requireLength(plan.callLink, field: "call_link", maximum: maximumLinkLength)
        try CoordinationCase.requireText(plan.agenda, field: "agenda", maximum: maximumAgendaLength)
        var units = [leadUnit]
        for unit in plan.invitedUnits {
            let code = unit.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else {
                throw CoordinationError(.invalidArgument(field: "invited_units", reason: "blank unit code"))
            }
            if !units.contains(code) { units.append(code) }
        }
        guard units.count >= 2 else {
            throw CoordinationError(
                .invalidArgument(
                    field: "invited_units", reason: "a coordination meeting brings at least two units together")
            )
        }
        plan.invitedUnits = units
        return plan
    }
}
