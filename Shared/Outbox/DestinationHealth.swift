/// Which destinations of an outbox answer: a pure state machine. A destination that could not be
/// reached gets one probe entry at a time, at growing but short intervals, and nothing else;
/// the first delivery to it makes it reachable again, and its waiting entries due at once.
public struct DestinationHealth: Sendable {
    /// A destination that did not answer.
    public struct Outage: Sendable, Hashable {
        public var since: Int64
        public var failedProbes: Int
        public var nextProbe: Int64
        public var lastError: String
    }

    public let policy: OutboxRetryPolicy
    public private(set) var outages: [String: Outage] = [:]

    public init(policy: OutboxRetryPolicy) {
        self.policy = policy
    }

    /// The entries to attempt now: all of a reachable destination's, and of an unreachable one's
    /// only its first, once its probe is due.
    public func admit<Entry: OutboxItem>(_ entries: [Entry], at now: Int64) -> [Entry] {
        var probed: Set<String> = []
        return entries.filter { entry in
            guard let outage = outages[entry.destination] else { return true }
            guard outage.nextProbe <= now, !probed.contains(entry.destination) else { return false }
            probed.insert(entry.destination)
            return true
        }
    }

    /// Takes the results of a round; returns the destinations that answered again after an outage.
    public mutating func record<Entry: OutboxItem>(
        _ outcomes: [(entry: Entry, result: DeliveryResult)], at now: Int64, unit: Double = .random(in: 0...1)
    ) -> [String] {
        var answered: Set<String> = []
        var unreachable: [String: String] = [:]
        for (entry, result) in outcomes {
            if case .unreachable(let error) = result {
                unreachable[entry.destination] = error
            } else {
                answered.insert(entry.destination)
            }
        }
        var recovered: [String] = []
        for destination in answered.sorted() where outages.removeValue(forKey: destination) != nil {
            recovered.append(destination)
        }
        for (destination, error) in unreachable where !answered.contains(destination) {
            var outage = outages[destination] ?? Outage(since: now, failedProbes: 0, nextProbe: now, lastError: error)
            outage.failedProbes += 1
            outage.lastError = error
            outage.nextProbe =
                now + Self.milliseconds(policy.probeDelay(afterFailedProbes: outage.failedProbes, unit: unit))
            outages[destination] = outage
        }
        return recovered
    }

    /// The unreachable destinations whose next probe is not due at `now`.
    public func waiting(at now: Int64) -> Set<String> {
        Set(outages.filter { $0.value.nextProbe > now }.keys)
    }

    /// The next probe of any unreachable destination but those `excluded` (their probe is under way).
    public func nextProbe(excluding excluded: Set<String> = []) -> Int64? {
        outages.filter { !excluded.contains($0.key) }.values.map(\.nextProbe).min()
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        UnixInstant.nanoseconds(of: duration) / 1_000_000
    }
}
