import Dispatch
import HummingbirdBcrypt

/// Hashes and checks passwords with bcrypt, off the cooperative thread pool: one hash at cost 12
/// takes a quarter of a second of CPU, and would otherwise stall every other call.
struct PasswordHasher: Sendable {
    let cost: Int
    /// A hash of a random password nobody knows, at the same cost: checking an unknown login
    /// against it takes as long as checking a real one, so timing does not tell which logins exist.
    let dummyHash: String

    init(cost: Int) {
        precondition((4...31).contains(cost), "bcrypt cost \(cost) is out of range")
        self.cost = cost
        dummyHash = Bcrypt.hash(SessionToken.generate(), cost: UInt8(cost))
    }

    func hash(_ password: String) async -> String {
        await Self.hash(password, cost: cost)
    }

    /// A hash of `password` at `cost`, for those who check none and so need no dummy (the bootstrap).
    static func hash(_ password: String, cost: Int) async -> String {
        let cost = UInt8(cost)
        return await offPool { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async -> Bool {
        await Self.offPool { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends the time of one check and answers nothing, for a login that does not exist.
    func verifyAgainstDummy(_ password: String) async {
        _ = await verify(password, hash: dummyHash)
    }

    private static func offPool<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
