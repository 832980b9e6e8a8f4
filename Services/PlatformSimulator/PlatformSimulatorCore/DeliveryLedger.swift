/// What became of every push the simulator made: its final answer, its attempts and, for a push
/// that never got through, why. The summary is what `load` and `demo` print at the end.
public struct DeliveryLedger: Sendable {
    /// The final outcome of one push.
    public enum Outcome: String, Sendable {
        /// `201`, or `200` with `"status": "applied"` (an event).
        case accepted
        /// `200` with `"status": "duplicate"`: the gateway had it already (often a retry whose
        /// first answer was lost).
        case duplicate
        /// A final `4xx`: the push itself was refused.
        case refused
        /// Every attempt failed with a retryable answer or none at all.
        case undelivered
    }

    /// One push: an order (`key` its number) or an event (`key` its event id, `orderNumber` its order).
    public struct Entry: Sendable {
        public var key: String
        public var orderNumber: String
        public var isOrder: Bool
        public var outcome: Outcome
        public var status: Int
        public var attempts: Int
        /// The last answer's error code or the connection failure, for a push that did not get through.
        public var lastError: String
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    mutating func record(_ entry: Entry) {
        entries.append(entry)
    }

    /// The counts over `entries` (all of them, or only orders / only events).
    public struct Counts: Sendable, Equatable, CustomStringConvertible {
        public var pushed = 0
        public var accepted = 0
        public var duplicate = 0
        /// Attempts beyond the first, over all pushes.
        public var retried = 0
        public var refused = 0
        public var undelivered = 0

        public var description: String {
            "pushed \(pushed), accepted \(accepted), duplicate \(duplicate), retried \(retried), refused \(refused), undelivered \(undelivered)"
        }
    }

    public func counts(orders: Bool? = nil) -> Counts {
        var counts = Counts()
        for entry in entries where orders == nil || entry.isOrder == orders {
            counts.pushed += 1
            counts.retried += entry.attempts - 1
            switch entry.outcome {
            case .accepted: counts.accepted += 1
            case .duplicate: counts.duplicate += 1
            case .refused: counts.refused += 1
            case .undelivered: counts.undelivered += 1
            }
        }
        return counts
    }

    /// The pushes that did not get through, per order number, in the order they were made.
    public var failures: [Entry] {
        entries.filter { $0.outcome == .refused || $0.outcome == .undelivered }
    }

    /// The report's lines: the counts of orders and of events, then one line per push that did
    /// not get through (`undelivered order N: …`), so that a script can grep for them.
    public func reportLines(prefix: String) -> [String] {
        var lines = ["\(prefix): orders \(counts(orders: true))"]
        let events = counts(orders: false)
        if events.pushed > 0 { lines.append("\(prefix): events \(events)") }
        for entry in failures {
            let what = entry.isOrder ? "order \(entry.key)" : "event \(entry.key) on \(entry.orderNumber)"
            lines.append(
                "\(prefix): \(entry.outcome.rawValue) \(what) after \(entry.attempts) attempt(s): \(entry.status) \(entry.lastError)"
            )
        }
        return lines
    }
}
