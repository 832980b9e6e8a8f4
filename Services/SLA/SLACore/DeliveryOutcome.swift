import Outbox

/// What became of one attempt to deliver an event to intake.
public enum DeliveryOutcome: Sendable, Hashable {
    /// Intake recorded it in the order's log.
    case recorded
    /// Intake had it already (a repeat after a crash or a lost answer): done as well.
    case duplicate
    /// Intake refused it for good (the order does not exist, say): kept with the reason, not retried.
    case rejected(String)
    /// Intake failed: retried with backoff.
    case failed(String)
    /// Intake could not be reached: probed until it answers, then everything waiting goes.
    case unreachable(String)

    /// Whether the event needs no further attempt.
    public var isFinal: Bool { !result.isRetried }

    /// The outcome as the shared outbox sender takes it; the note keeps "recorded" or "duplicate".
    var result: DeliveryResult {
        switch self {
        case .recorded: .delivered(note: text)
        case .duplicate: .delivered(note: text)
        case .rejected(let reason): .refused(reason)
        case .failed(let reason): .failed(reason)
        case .unreachable(let reason): .unreachable(reason)
        }
    }

    /// The text stored in `sla_event.outcome`.
    var text: String {
        switch self {
        case .recorded: "recorded"
        case .duplicate: "duplicate"
        case .rejected(let reason): "rejected: \(reason)"
        case .failed(let reason), .unreachable(let reason): "failed: \(reason)"
        }
    }
}
