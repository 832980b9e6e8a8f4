import Foundation
import Logging

extension InboundDesk {
    /// The desk's rate limits: per source address before a body is read, per verified app key
    /// before anything is kept or forwarded. A request over a limit is answered 429 and not kept
    /// in the inbox (a flood would fill it with metadata instead); the first refusal of a run is
    /// logged at notice, the rest are not.
    struct RateLimits: Sendable {
        let bySource: RateLimiter
        let byAppKey: RateLimiter

        init(source: TokenBucket.Limit, appKey: TokenBucket.Limit) {
            bySource = RateLimiter(limit: source)
            byAppKey = RateLimiter(limit: appKey)
        }
    }

    /// The 429 for a request from `source` over its limit at `now`; `nil` lets it in.
    func refusal(fromSource source: String, now: Date) -> Answer? {
        refusal(rateLimits.bySource.take(source, now: now.timeIntervalSince1970), what: "source address", key: "http.source", value: source)
    }

    /// The 429 for a request of the verified `appKey` over its limit at `now`, as an error.
    func checkAppKeyLimit(_ appKey: String, now: Date) throws(APIError) {
        let outcome = rateLimits.byAppKey.take(appKey, now: now.timeIntervalSince1970)
        guard case .refused(let seconds) = outcome.decision else { return }
        logRefusal(outcome, what: "app key", key: "app.key", value: appKey)
        throw APIError.tooManyRequests(retryAfterSeconds: seconds, "app key")
    }

    private func refusal(_ outcome: RateLimiter.Outcome, what: String, key: String, value: String) -> Answer? {
        guard case .refused(let seconds) = outcome.decision else { return nil }
        logRefusal(outcome, what: what, key: key, value: value)
        return Answer(APIError.tooManyRequests(retryAfterSeconds: seconds, what))
    }

    private func logRefusal(_ outcome: RateLimiter.Outcome, what: String, key: String, value: String) {
        guard outcome.startsRefusing else { return }
        logger.notice("gateway.rate_limited", metadata: ["rate.limit": "\(what)", "\(key)": "\(value)"])
    }
}
