import Foundation
public import RPC

/// How the simulated platform retries a push the gateway refused or did not answer, as a real
/// platform would (docs/platform-api.md, "Errors"): connection refused or reset, a timeout, `408`,
/// `429`, `503` (after its `Retry-After`) and any other `5xx` are tried again with exponential
/// backoff and jitter, up to `attempts` attempts in all; `2xx` is done; any other `4xx` is final.
/// Pure, so that the classification and the delays are tested without a network.
public struct PushRetryPolicy: Sendable {
    /// What to do after one attempt.
    public enum Verdict: Sendable, Equatable {
        /// `2xx`: delivered.
        case delivered
        /// Refused for good: the push itself is wrong (a `4xx` other than 408 and 429).
        case refused
        /// Try again, not before `after` (the backoff, or `Retry-After` when that is longer).
        case retry(after: Duration)
        /// Retryable, but the attempts are used up.
        case givenUp
    }

    /// Attempts in all, the first included (1: no retry).
    public var attempts: Int
    /// The first backoff; it doubles per failure up to `maximumDelay`.
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// A `Retry-After` longer than this is cut to it, so that a run stays bounded.
    public var maximumRetryAfter: Duration
    /// How long one attempt may take before it counts as unanswered.
    public var timeout: Duration

    public init(
        attempts: Int = 10, initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(5),
        maximumRetryAfter: Duration = .seconds(30), timeout: Duration = .seconds(10)
    ) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maximumDelay = max(maximumDelay, initialDelay)
        self.maximumRetryAfter = maximumRetryAfter
        self.timeout = timeout
    }

    /// Whether an answer (`status` 0: no answer at all) is worth another attempt.
    public static func isRetryable(status: Int) -> Bool {
        status == 0 || status == 408 || status == 429 || (500...599).contains(status)
    }

    /// The verdict after attempt number `attempt` (1-based) answered `status` (0: connection
    /// refused or reset, or no answer in time), with `retryAfter` the answer's header, if any.
    /// `backoff` is the per-push backoff state; `unit` is the jitter in [0, 1].
    public func verdict(
        attempt: Int, status: Int, retryAfter: String?, backoff: inout ReconnectBackoff,
        unit: Double = .random(in: 0...1)
    ) -> Verdict {
        if (200...299).contains(status) { return .delivered }
        guard Self.isRetryable(status: status) else { return .refused }
        guard attempt < attempts else { return .givenUp }
        var delay = backoff.delayAfterFailure(unit: unit)
        if let seconds = retryAfter.flatMap(Self.retryAfterSeconds) {
            delay = max(delay, min(.seconds(seconds), maximumRetryAfter))
        }
        return .retry(after: delay)
    }

    /// A fresh backoff for one push.
    public func makeBackoff() -> ReconnectBackoff {
        ReconnectBackoff(initial: initialDelay, maximum: maximumDelay)
    }

    /// `Retry-After` as delay-seconds (RFC 9110 §10.2.3); an HTTP date is read too.
    static func retryAfterSeconds(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, Int(date.timeIntervalSinceNow.rounded(.up)))
    }
}
