public import Crypto
public import Domain
public import Foundation

/// Makes credentials: the console for signed-in staff, the gateway for the platform, a service's
/// scheduler for `system`.
///
/// It signs whatever roles it is asked to; which of them count is the verifier's configuration.
public struct CredentialIssuer: Sendable {
    /// The lifetime of a credential when none is given: 5 minutes.
    public static let defaultLifetime: Duration = .seconds(300)

    /// The issuer id, as the verifiers' trust configuration names this issuer.
    public let id: String
    /// The key's raw bytes: swift-crypto's key types are not `Sendable`, their bytes are.
    private let privateKeyBytes: Data
    /// The key verifiers need to trust this issuer.
    public let publicKeyBase64: String

    /// An issuer named `id` (1–64 of `A-Z a-z 0-9 _ - .`) signing with `privateKey`.
    public init(id: String, privateKey: Curve25519.Signing.PrivateKey) throws(IdentityError) {
        guard Credential.isIdentifier(id, maximumLength: 64) else {
            throw IdentityError(.malformed, "issuer id must be 1 to 64 ASCII letters, digits, '_', '-' or '.'")
        }
        self.id = id
        privateKeyBytes = privateKey.rawRepresentation
        publicKeyBase64 = KeyFile.base64(of: privateKey.publicKey)
    }

    /// Issues a credential for `account` valid from `now` for `lifetime` (more than zero, at most
    /// 12 hours; whole milliseconds), with a fresh random id. Throws `malformed` for claims that
    /// no verifier would accept.
    public func issue(
        account: String,
        displayName: String,
        roles: Set<Role>,
        unit: String? = nil,
        lifetime: Duration = defaultLifetime,
        now: Date = Date()
    ) throws(IdentityError) -> (credential: Credential, token: String) {
        guard lifetime > .zero, lifetime <= Credential.maximumLifetime else {
            throw IdentityError(.malformed, "lifetime \(lifetime) is not within 0 to 12 hours")
        }
        let issuedAt = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let lifetimeMilliseconds =
            lifetime.components.seconds * 1000 + lifetime.components.attoseconds / 1_000_000_000_000_000
        let credential = Credential(
            issuer: id,
            account: account,
            displayName: displayName,
            roles: roles,
            unit: unit,
            issuedAtMilliseconds: issuedAt,
            expiresAtMilliseconds: issuedAt + lifetimeMilliseconds,
            id: Self.makeCredentialID()
        )
        return (credential, try sign(credential))
    }

    /// The token of `credential`, which must name this issuer and be valid (`Credential.validate`).
    ///
    /// The claims part depends only on the credential; the signature part is deterministic where
    /// swift-crypto uses BoringSSL (Linux), randomised where it uses CryptoKit (Apple platforms).
    public func sign(_ credential: Credential) throws(IdentityError) -> String {
        guard credential.issuer == id else {
            throw IdentityError(.malformed, "credential names issuer \(credential.issuer), not \(id)")
        }
        try credential.validate()
        let claimsPart = Base64URL.encode(credential.encodedClaims())
        let signature: Data
        do {
            let privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: privateKeyBytes)
            signature = try privateKey.signature(for: CredentialToken.signingInput(claimsPart: claimsPart))
        } catch {
            // The bytes came from a key, and Ed25519 signing fails only when the library cannot run at all.
            preconditionFailure("Ed25519 signing failed: \(error)")
        }
        let token = "\(CredentialToken.version).\(claimsPart).\(Base64URL.encode(signature))"
        guard token.utf8.count <= CredentialToken.maximumLength else {
            throw IdentityError(.malformed, "credential would be longer than \(CredentialToken.maximumLength) bytes")
        }
        return token
    }

    /// 128 random bits in base64url: no two credentials share an id by chance.
    static func makeCredentialID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
