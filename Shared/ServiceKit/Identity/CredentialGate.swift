import Domain
public import Foundation
public import Identity
public import RPC
import Synchronization
import WireProtocol

/// Admits a call only with a credential this service verifies itself (docs/identity.md): the
/// `credential` header, checked against the service's own trust configuration and clock.
///
/// A staff credential is good for one call: its id is remembered until it expires, and a second
/// call with it is refused as replayed. Credentials of the platform edge and of services may be
/// reused within their short lifetime, so that a service need not sign every internal call; their
/// verified tokens are kept until they expire, so that each is checked once.
public final class CredentialGate: Sendable {
    public let verifier: CredentialVerifier
    private let now: @Sendable () -> Date
    private let memory = Mutex(Memory())

    struct Memory {
        /// Ids of staff credentials already used, with their expiry.
        var spentStaffCredentials: [String: Int64] = [:]
        /// Service credentials already verified, by token.
        var verifiedServiceTokens: [String: Credential] = [:]
        var nextSweep: Int64 = 0
    }

    /// Enough for every service credential in use at once; beyond it the cache starts over.
    static let serviceTokenCacheLimit = 1024

    public init(verifier: CredentialVerifier, now: @escaping @Sendable () -> Date = Date.init) {
        self.verifier = verifier
        self.now = now
    }

    /// The verified credential of the call, or `unauthenticated` (missing, malformed, forged,
    /// expired, replayed) or `permission_denied` (a role its issuer may not assert).
    public func admit(_ context: ServerContext) throws(RPCError) -> Credential {
        guard let token = context.header(Header.credential), !token.isEmpty else {
            throw RPCError(
                .unauthenticated, "\(context.method) needs a credential: sign in (subanctl login) and try again")
        }
        return try admit(token: token, method: context.method)
    }

    /// Checks `token` as `admit(_:)` does, for a call of `method`.
    public func admit(token: String, method: String) throws(RPCError) -> Credential {
        let now = now()
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let skewMilliseconds = Int64(verifier.clockSkew.components.seconds * 1000)
        if let cached = memory.withLock({ $0.verifiedServiceTokens[token] }) {
            guard nowMilliseconds < cached.expiresAtMilliseconds + skewMilliseconds else {
                throw RPCError(.unauthenticated, "credential \(cached.id) of \(cached.issuer) has expired")
            }
            return cached
        }
        let credential: Credential
        do {
            credential = try verifier.verify(token, now: now)
        } catch {
            throw RPCError(
                error.isPermissionDenied ? .permissionDenied : .unauthenticated, "\(method) refused: \(error)")
        }
        let isStaff = credential.roles.contains(where: \.isStaff)
        let replayed: Bool = memory.withLock { memory in
            memory.sweep(now: nowMilliseconds, skew: skewMilliseconds)
            guard isStaff else {
                if memory.verifiedServiceTokens.count >= Self.serviceTokenCacheLimit {
                    memory.verifiedServiceTokens = [:]
                }
                memory.verifiedServiceTokens[token] = credential
                return false
            }
            let key = "\(credential.issuer)/\(credential.id)"
            guard memory.spentStaffCredentials[key] == nil else { return true }
            memory.spentStaffCredentials[key] = credential.expiresAtMilliseconds
            return false
        }
        guard !replayed else {
            throw RPCError(
                .unauthenticated,
                "credential \(credential.id) of \(credential.issuer) was used before; ask for a new one")
        }
        return credential
    }
}

extension CredentialGate.Memory {
    /// Forgets what has expired, at most once a second.
    mutating func sweep(now: Int64, skew: Int64) {
        guard now >= nextSweep else { return }
        nextSweep = now + 1000
        spentStaffCredentials = spentStaffCredentials.filter { now < $0.value + skew }
        verifiedServiceTokens = verifiedServiceTokens.filter { now < $0.value.expiresAtMilliseconds + skew }
    }
}
