public import Domain

/// One clock as stored: what it watches, its deadline, and how far its schedule has fired.
public struct ClockRecord: Sendable, Hashable {
    /// Whether a clock still counts.
    public enum State: String, Sendable, Hashable {
        /// Not yet due.
        case running
        /// Due, and still not stopped: reminders follow.
        case overdue
        /// Stopped (acknowledged, replied, closed, returned…); fires nothing more.
        case stopped
    }

    /// Where the due instant came from, which decides whether a calendar change may move it.
    public enum DueSource: String, Sendable, Hashable {
        /// Computed by the policy's rule: recomputed when a holiday notice is loaded.
        case policy
        /// Given by the caller (the platform's deadline); kept as given.
        case caller
        /// Granted by an extension; kept as granted.
        case `extension`
    }

    /// The row id: the scheduler's handle.
    public var seq: Int64
    /// The caller's id, e.g. `<order id>/acknowledge/1`.
    public var id: String
    public var orderID: String
    public var unit: String
    public var kind: ClockKind
    /// The policy the clock was started under (kept even if the policy file changes later).
    public var policy: DeadlinePolicy
    var policyID: Int64
    /// The order's handling cycle (重办 starts a new one).
    public var cycle: Int
    /// Unix milliseconds.
    public var start: Int64
    /// Unix milliseconds; moved by an extension or a calendar change.
    public var due: Int64
    /// The due instant before any extension: the one-month cap counts from it.
    public var originalDue: Int64
    public var dueSource: DueSource
    /// Computed over a year whose holiday notice is not loaded.
    public var provisional: Bool
    /// The number of extensions applied; names the event ids after each (`/ext1/`).
    public var revision: Int
    public var progress: ClockProgress
    /// The instant of the next event, `nil` when stopped or nothing is left to fire.
    public var nextFire: Int64?
    public var stoppedAt: Int64?
    public var stopReason: String
    public var createdAt: Int64
    /// The working days the caller asked for (an action item's period): counted by SLA on its
    /// calendar instead of the policy's rule, and recomputed like it.
    public var dueWorkingDays: Int? = nil

    /// How the due instant is counted from the start: the caller's working days, or the policy's rule.
    public var dueRule: DueRule {
        dueWorkingDays.map(DueRule.workingDays) ?? policy.due
    }

    /// Running, overdue or stopped.
    public var state: State {
        if stoppedAt != nil { return .stopped }
        return progress.overdueSent ? .overdue : .running
    }

    /// The schedule of the current revision.
    public var schedule: ClockSchedule {
        ClockSchedule(start: start, due: due, policy: policy)
    }
}
