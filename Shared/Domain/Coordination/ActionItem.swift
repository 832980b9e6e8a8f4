public import Foundation

/// A task a coordination meeting gave one unit (会议议定事项的落实): what, by when, and what came of it. Its due
/// date counts working days from the meeting's date on the shared calendar, and an SLA clock watches it.
public struct ActionItem: Sendable, Hashable, Codable, Identifiable {
    /// `<case id>/action/<number>`; also the id of the item's SLA clock.
    public let id: String
    /// 1 for the case's first item, then consecutive.
    public let number: Int
    /// The meeting that decided it.
    public let meetingNumber: Int
    public let ownerUnit: String
    public let what: String
    public let dueWorkingDays: Int
    /// 24:00 Asia/Shanghai of the last working day.
    public internal(set) var due: Date
    public internal(set) var dueDay: LocalDate
    /// The period reaches into a year whose holiday notice is not loaded.
    public internal(set) var dueIsProvisional: Bool
    public internal(set) var state: State
    public internal(set) var outcome: String?
    public internal(set) var completedBy: WorkOrder.Actor?
    public internal(set) var completedAt: Date?
    public let createdAt: Date

    public enum State: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        case open
        case done
        /// Withdrawn because the case was cancelled.
        case cancelled

        public var description: String { rawValue }
    }

    /// The longest period a meeting may set: three months of working days. Longer is a typing error.
    public static let maximumWorkingDays = 60

    /// Open and past due at `time`.
    public func isOverdue(at time: Date) -> Bool {
        state == .open && time >= due
    }

    /// Whether the item was done by its due date.
    public var wasDoneInTime: Bool? {
        guard state == .done, let completedAt else { return nil }
        return completedAt < due
    }

    init(
        id: String, number: Int, meetingNumber: Int, ownerUnit: String, what: String, dueWorkingDays: Int,
        deadline: Deadline, at time: Date
    ) {
        self.id = id
        self.number = number
        self.meetingNumber = meetingNumber
        self.ownerUnit = ownerUnit
        self.what = what
        self.dueWorkingDays = dueWorkingDays
        self.due = deadline.instant
        self.dueDay = deadline.lastDay ?? LocalDate(containing: deadline.instant)
        self.dueIsProvisional = deadline.isProvisional
        self.state = .open
        self.createdAt = time
    }

    mutating func complete(outcome: String, by actor: WorkOrder.Actor, at time: Date) throws(CoordinationError) {
        guard state == .open else { throw CoordinationError(.actionItemNotOpen(item: id, state: state)) }
        try CoordinationCase.requireText(outcome, field: "outcome", maximum: CoordinationCase.maximumItemLength)
        self.outcome = outcome
        completedBy = actor
        completedAt = time
        state = .done
    }

    /// Moves an open item's due to `due`, as SLA counted it (see `CoordinationAction.moveActionItemDue`).
    mutating func move(due: Date, provisional: Bool) throws(CoordinationError) {
        guard state == .open else { throw CoordinationError(.actionItemNotOpen(item: id, state: state)) }
        self.due = due
        dueIsProvisional = provisional
        dueDay = LocalDate(containing: due.addingTimeInterval(-1))
    }

    mutating func withdraw() {
        if state == .open { state = .cancelled }
    }
}
