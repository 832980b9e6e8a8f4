/// What became of one attempt to deliver an event to intake.
public enum DeliveryOutcome: Sendable, Hashable {
    /// Intake recorded it in the order's log.
    case recorded
    /// Intake had it already (a repeat after a crash or a lost answer): done as well.
    case duplicate
    /// Intake refused it for good (the order does not exist, say): kept with the reason, not retried.
    case rejected(String)
    /// Intake could not be reached or failed: retried with backoff.
    case failed(String)

    /// Whether the event needs no further attempt.
    public var isFinal: Bool {
        if case .failed = self { return false }
        return true
    }

    /// The text stored in `sla_event.outcome`.
    var text: String {
        switch self {
        case .recorded: "recorded"
        case .duplicate: "duplicate"
        case .rejected(let reason): "rejected: \(reason)"
        case .failed(let reason): "failed: \(reason)"
        }
    }
}
