import Testing

@testable import ConsoleCore

/// The lockout's arithmetic, apart from the service.
@Suite("console lockout policy")
struct LockoutPolicyTests {
    @Test func theNthConsecutiveFailureLocksAndStartsTheCountOver() {
        let policy = LockoutPolicy(lockoutAfter: 3, lockoutSeconds: 60)
        #expect(policy.afterFailure(failedAttempts: 0, now: 1000) == (1, nil))
        #expect(policy.afterFailure(failedAttempts: 1, now: 1000) == (2, nil))
        #expect(policy.afterFailure(failedAttempts: 2, now: 1000) == (0, 61_000))
    }

    @Test func aSessionEndsAtTheFirstLimitItReaches() {
        let session = SessionRecord(
            id: "s", login: "a", client: "c", created: 0, lastSeen: 0, expires: 10_000, revoked: nil)
        #expect(session.ending(at: 5_999, idleSeconds: 6, maximumSeconds: 10) == nil)
        #expect(session.ending(at: 6_000, idleSeconds: 6, maximumSeconds: 10) == .idle(seconds: 6))
        #expect(session.idleExpiry(idleSeconds: 60) == 10_000)
        var revoked = session
        revoked.revoked = 1
        #expect(revoked.ending(at: 0, idleSeconds: 6, maximumSeconds: 10) == .revoked)
        #expect(SessionRecord.Ending.idle(seconds: 1800).description.contains("30 minutes"))
        #expect(SessionRecord.Ending.reachedLimit(seconds: 43_200).description.contains("12 hours"))
    }
}
