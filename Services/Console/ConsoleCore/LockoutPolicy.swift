/// When failed sign-ins lock an account, and for how long.
///
/// Failures count while they are consecutive: a success starts the count over, and so does a
/// lockout, so that after it ends the account again has `lockoutAfter` attempts. Attempts while
/// locked are refused before the password is checked, so they neither count nor tell anything.
struct LockoutPolicy: Sendable, Hashable {
    var lockoutAfter: Int
    var lockoutSeconds: Int

    /// The account's count and lock after one more failure at `now`.
    func afterFailure(failedAttempts: Int, now: Int64) -> (failedAttempts: Int, lockedUntil: Int64?) {
        let failures = failedAttempts + 1
        guard failures >= lockoutAfter else { return (failures, nil) }
        return (0, now + Int64(lockoutSeconds) * 1000)
    }
}
