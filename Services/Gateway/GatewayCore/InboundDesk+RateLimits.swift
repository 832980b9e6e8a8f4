import Foundation
import Logging

extension InboundDesk {
    /// The desk's rate limits: per source address before a body is read, per verified app key
    /// before anything is kept or forwarded, and, stricter, the requests of a source address that
    /// failed authentication, which the platform never sends but a flood does. A request over a
    /// limit is answered 429 and not kept in the inbox (a flood would fill it with metadata
    /// instead); the first refusal of a run is logged at notice, the rest are not.
    struct RateLimits: Sendable {
        let bySource: RateLimiter
        let byAppKey: RateLimiter
        /// Charged by each request that did not pass authentication, checked before the next is read.
        let unauthenticatedBySource: RateLimiter

        init(source: TokenBucket.Limit, appKey: TokenBucket.Limit, unauthenticated: TokenBucket.Limit) {
            bySource = RateLimiter(limit: source)
            byAppKey = RateLimiter(limit: appKey)
            unauthenticatedBySource = RateLimiter(limit: unauthenticated)
        }
    }

    /// The 429 for a request from `source` at `now`, over either of its limits; `nil` lets it in.
    func refusal(fromSource source: String, now: Date) -> Answer? {
        let seconds = now.timeIntervalSince1970
        if let refusal = refusal(
            rateLimits.unauthenticatedBySource.check(source, now: seconds),
            what: "source address after failed authentication",
            key: "http.source", value: source)
        {
            return refusal
        }
        return refusal(
            rateLimits.bySource.take(source, now: seconds), what: "source address", key: "http.source", value: source)
    }

    /// Charges `source` with a request that did not pass authentication.
    func chargeUnauthenticated(_ source: String, now: Date) {
        rateLimits.unauthenticatedBySource.charge(source, now: now.timeIntervalSince1970)
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
