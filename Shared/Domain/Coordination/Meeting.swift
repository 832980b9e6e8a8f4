public import Foundation

/// A coordination meeting (协调会) of a case: when and where, what for, which units are invited, who came, the
/// minutes and decisions; moved or called off with a reason. Its lifecycle is its own state machine
/// (``Meeting/transitions``).
public struct Meeting: Sendable, Hashable, Codable, Identifiable {
    /// `<case id>/meeting/<number>`.
    public let id: String
    /// 1 for the case's first meeting, then consecutive.
    public let number: Int
    public internal(set) var state: State
    public internal(set) var slot: Slot
    public internal(set) var place: String
    /// A video or phone conference link, for units that join remotely.
    public internal(set) var callLink: String
    public let agenda: String
    /// The lead unit first, then the others in the order given.
    public let invitedUnits: [String]
    public internal(set) var attendance: [Attendance]
    public internal(set) var minutes: String?
    public internal(set) var decisions: [String]
    public internal(set) var reschedules: [Reschedule]
    public internal(set) var cancellationReason: String?
    public let scheduledBy: WorkOrder.Actor
    public let scheduledAt: Date

    /// When a meeting runs: from `start` up to, not including, `end`.
    public struct Slot: Sendable, Hashable, Codable {
        public var start: Date
        public var end: Date

        public init(start: Date, end: Date) {
            self.start = start
            self.end = end
        }

        /// Whether the two share any instant; back-to-back meetings (one ends when the other starts) do not.
        public func overlaps(_ other: Slot) -> Bool {
            start < other.end && other.start < end
        }
    }

    /// One invited unit at the meeting.
    public struct Attendance: Sendable, Hashable, Codable {
        public var unit: String
        public var present: Bool
        /// Who came for the unit (names or account ids); empty when absent.
        public var attendees: [String]
        /// Why absent, or anything worth keeping.
        public var note: String?

        public init(unit: String, present: Bool, attendees: [String] = [], note: String? = nil) {
            self.unit = unit
            self.present = present
            self.attendees = attendees
            self.note = note
        }
    }

    /// A move to another time.
    public struct Reschedule: Sendable, Hashable, Codable {
        public var from: Slot
        public var to: Slot
        public var reason: String
        public var actorID: String
        public var at: Date

        public init(from: Slot, to: Slot, reason: String, actorID: String, at: Date) {
            self.from = from
            self.to = to
            self.reason = reason
            self.actorID = actorID
            self.at = at
        }
    }

    public var start: Date { slot.start }
    public var end: Date { slot.end }

    /// Scheduled or rescheduled: it still lies ahead, and counts for conflicts.
    public var isPending: Bool { state == .scheduled || state == .rescheduled }

    /// The units recorded present.
    public var presentUnits: [String] { attendance.filter(\.present).map(\.unit) }

    init(id: String, number: Int, plan: Plan, scheduledBy: WorkOrder.Actor, at time: Date) {
        self.id = id
        self.number = number
        self.state = .scheduled
        self.slot = plan.slot
        self.place = plan.place
        self.callLink = plan.callLink
        self.agenda = plan.agenda
        self.invitedUnits = plan.invitedUnits
        self.attendance = []
        self.minutes = nil
        self.decisions = []
        self.reschedules = []
        self.cancellationReason = nil
        self.scheduledBy = scheduledBy
        self.scheduledAt = time
    }
}
