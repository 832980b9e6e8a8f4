/// One token bucket: holds up to `burst` tokens, gains `perMinute` a minute, and a request takes
/// one. Pure: the time is given, so tests name it instead of waiting for it.
struct TokenBucket: Sendable, Equatable {
    struct Limit: Sendable, Equatable, CustomStringConvertible {
        /// Requests a minute, sustained.
        var perMinute: Int
        /// Requests at once, after a quiet spell.
        var burst: Int

        var description: String { "\(perMinute)/min, burst \(burst)" }
    }

    enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; a token is back after `retryAfterSeconds` (whole seconds, at least 1).
        case refused(retryAfterSeconds: Int)
    }

    let limit: Limit
    private(set) var tokens: Double
    private(set) var updatedAt: Double

    /// A full bucket at `now` (seconds on any monotonic scale).
    init(limit: Limit, now: Double) {
        self.limit = limit
        tokens = Double(limit.burst)
        updatedAt = now
    }

    /// Takes a token at `now`, if there is one.
    mutating func take(now: Double) -> Decision {
        let decision = peek(now: now)
        if decision == .allowed { tokens -= 1 }
        return decision
    }

    /// Whether a token is there at `now`, leaving it: for a limit charged only afterwards.
    mutating func peek(now: Double) -> Decision {
        refill(now: now)
        if tokens >= 1 { return .allowed }
        let secondsPerToken = 60 / Double(limit.perMinute)
        return .refused(retryAfterSeconds: max(1, Int(((1 - tokens) * secondsPerToken).rounded(.up))))
    }

    /// Whether the bucket is full again at `now`: it then remembers nothing a new one would not.
    func isFull(now: Double) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.tokens >= Double(limit.burst)
    }

    private mutating func refill(now: Double) {
        // A clock that went back gives nothing, and takes nothing.
        let elapsed = max(0, now - updatedAt)
        tokens = min(Double(limit.burst), tokens + elapsed * Double(limit.perMinute) / 60)
        updatedAt = max(updatedAt, now)
    }
}
