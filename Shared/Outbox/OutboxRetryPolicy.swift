/// When an outbox tries again: exponential backoff with jitter for an entry the receiver failed,
/// a short probe interval while a destination is unreachable (so that delivery resumes within
/// seconds once it answers), and when an entry counts as failing. Pure, so that tests check the
/// delays without waiting for them.
public struct OutboxRetryPolicy: Sendable, Hashable {
    /// The first delay after a failed attempt.
    public var initialDelay: Duration
    /// The longest delay between two attempts of one entry.
    public var maximumDelay: Duration
    /// The longest wait between two probes of an unreachable destination.
    public var maximumProbeInterval: Duration
    /// Failed attempts after which an entry is listed as failing; it is still retried.
    public var failingAfter: Int

    public init(
        initialDelay: Duration = .milliseconds(200),
        maximumDelay: Duration = .seconds(60),
        maximumProbeInterval: Duration = .seconds(3),
        failingAfter: Int = 5
    ) {
        precondition(
            initialDelay > .zero && maximumDelay >= initialDelay && maximumProbeInterval > .zero && failingAfter >= 1)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumProbeInterval = maximumProbeInterval
        self.failingAfter = failingAfter
    }

    /// The delay after `attempts` failed attempts (1 or more), capped at `maximum`. `unit` in
    /// [0, 1] is the jitter (injected for tests): the delay lies in [ceiling / 2, ceiling], so that
    /// entries that failed together do not all come back at the same instant.
    public func delay(afterFailedAttempts attempts: Int, maximum: Duration? = nil, unit: Double = .random(in: 0...1))
        -> Duration
    {
        let cap = maximum ?? maximumDelay
        var ceiling = initialDelay
        var step = 1
        while step < attempts, ceiling < cap {
            ceiling = ceiling * 2
            step += 1
        }
        ceiling = min(ceiling, cap)
        return ceiling * (0.5 + 0.5 * min(max(unit, 0), 1))
    }

    /// The wait before the next probe of a destination that failed `probes` times in a row.
    public func probeDelay(afterFailedProbes probes: Int, unit: Double = .random(in: 0...1)) -> Duration {
        delay(afterFailedAttempts: probes, maximum: maximumProbeInterval, unit: unit)
    }

    public func isFailing(attempts: Int) -> Bool { attempts >= failingAfter }
}
