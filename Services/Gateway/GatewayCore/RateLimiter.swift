import Synchronization

/// Token buckets by key (a source address, an app key), each with the same limit. A key seen once
/// costs a bucket until it is full again; when there are more than `maximumKeys`, full buckets are
/// forgotten first, so that a flood from many addresses cannot grow the table without bound.
final class RateLimiter: Sendable {
    struct State {
        var buckets: [String: TokenBucket] = [:]
        /// Keys refused since their last allowed request: their first refusal is logged, not every one.
        var refusing: Set<String> = []
    }

    /// What `take` decided, and whether this is the key's first refusal in a row.
    struct Outcome: Sendable, Equatable {
        var decision: TokenBucket.Decision
        var startsRefusing: Bool
    }

    let limit: TokenBucket.Limit
    let maximumKeys: Int
    private let state = Mutex(State())

    init(limit: TokenBucket.Limit, maximumKeys: Int = 100_000) {
        self.limit = limit
        self.maximumKeys = maximumKeys
    }

    /// Takes a token from `key`'s bucket at `now` (seconds).
    func take(_ key: String, now: Double) -> Outcome {
        withBucket(key, now: now) { $0.take(now: now) }
    }

    /// Whether `key` has a token at `now`, without taking it: for what is charged only once known
    /// (a failed authentication).
    func check(_ key: String, now: Double) -> Outcome {
        withBucket(key, now: now) { $0.peek(now: now) }
    }

    /// Takes a token from `key` at `now` if there is one: the charge that `check` looks for.
    func charge(_ key: String, now: Double) {
        _ = withBucket(key, now: now, tracksRefusals: false) { $0.take(now: now) }
    }

    private func withBucket(
        _ key: String, now: Double, tracksRefusals: Bool = true, _ decide: (inout TokenBucket) -> TokenBucket.Decision
    ) -> Outcome {
        state.withLock { state in
            if state.buckets[key] == nil, state.buckets.count >= maximumKeys {
                state.buckets = state.buckets.filter { !$0.value.isFull(now: now) }
                // Still full of busy buckets: the oldest news goes, rather than memory.
                if state.buckets.count >= maximumKeys { state.buckets.removeAll(keepingCapacity: true) }
                state.refusing = state.refusing.filter { state.buckets[$0] != nil }
            }
            var bucket = state.buckets[key] ?? TokenBucket(limit: limit, now: now)
            let decision = decide(&bucket)
            state.buckets[key] = bucket
            guard tracksRefusals else { return Outcome(decision: decision, startsRefusing: false) }
            switch decision {
            case .allowed:
                state.refusing.remove(key)
                return Outcome(decision: decision, startsRefusing: false)
            case .refused:
                return Outcome(decision: decision, startsRefusing: state.refusing.insert(key).inserted)
            }
        }
    }

    var keyCount: Int { state.withLock { $0.buckets.count } }
}
