/// When an outbox entry is tried again after failures: exponential backoff with jitter, capped,
/// and when an entry counts as failing (shown by `subanctl outbox list`). Pure, so that tests
/// check the delays without waiting for them.
struct RetrySchedule: Sendable {
    var initial: Duration
    var maximum: Duration
    /// Failed attempts after which an entry is listed as failing; it is still retried.
    var failingAfter: Int

    /// The delay after `attempts` failed attempts (1 or more). `unit` in [0, 1] is the jitter
    /// (injected for tests): the delay lies in [ceiling / 2, ceiling] so that many entries that
    /// failed together do not all retry at the same instant.
    func delay(afterFailedAttempts attempts: Int, unit: Double = .random(in: 0...1)) -> Duration {
        var ceiling = initial
        var step = 1
        while step < attempts, ceiling < maximum {
            ceiling = ceiling * 2
            step += 1
        }
        ceiling = min(ceiling, maximum)
        return ceiling * (0.5 + 0.5 * min(max(unit, 0), 1))
    }

    func isFailing(attempts: Int) -> Bool { attempts >= failingAfter }
}
