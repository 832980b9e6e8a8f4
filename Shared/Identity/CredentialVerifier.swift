import Domain
public import Foundation

/// Checks credentials the way a receiving service must: against its own trust configuration and
/// clock, never against anything the token chooses.
///
/// A credential is accepted when it is a `v1` token of at most 4 KiB, its issuer is trusted, the
/// Ed25519 signature matches under that issuer's key, its claims are well formed, every role it
/// asserts is one the issuer may assert, and `now` lies within its lifetime give or take the
/// clock skew. A credential replayed within its lifetime is accepted again: lifetimes are short
/// for that reason, and the id allows a replay cache where one is needed.
public struct CredentialVerifier: Sendable {
    /// The clock skew allowed when none is given: 30 seconds.
    public static let defaultClockSkew: Duration = .seconds(30)

    public var trustedIssuers: TrustedIssuers
    /// How far the issuer's clock may be ahead of or behind this one.
    public var clockSkew: Duration

    public init(trustedIssuers: TrustedIssuers, clockSkew: Duration = defaultClockSkew) {
        precondition(clockSkew >= .zero && clockSkew <= .seconds(300), "clock skew must be 0 to 5 minutes")
        self.trustedIssuers = trustedIssuers
        self.clockSkew = clockSkew
    }

    /// The credential `token` asserts, or why it is refused: `malformed`, `unknownIssuer`,
    /// `badSignature`, `roleNotAllowed`, `notYetValid` or `expired`.
    public func verify(_ token: String, now: Date) throws(IdentityError) -> Credential {
        let credential = try verifySignedClaims(token)
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let skew = clockSkew.components.seconds * 1000 + clockSkew.components.attoseconds / 1_000_000_000_000_000
        guard credential.issuedAtMilliseconds <= nowMilliseconds + skew else {
            throw IdentityError(
                .notYetValid,
                "credential \(credential.id) is issued \(credential.issuedAtMilliseconds - nowMilliseconds) ms in the future"
            )
        }
        guard nowMilliseconds < credential.expiresAtMilliseconds + skew else {
            throw IdentityError(
                .expired,
                "credential \(credential.id) expired \(nowMilliseconds - credential.expiresAtMilliseconds) ms ago"
            )
        }
        return credential
    }

    /// The credential `token` asserts, checked in every way but its lifetime: for an action a
    /// trusted service accepted while the credential was valid and relays later (coordination
    /// handing on a reply the lead unit's liaison compiled), so that the relaying service cannot
    /// invent the person's action.
    public func verifyRelayed(_ token: String) throws(IdentityError) -> Credential {
        try verifySignedClaims(token)
    }

    private func verifySignedClaims(_ token: String) throws(IdentityError) -> Credential {
        let parsed = try CredentialToken(parsing: token)
        // The claims are read before the signature is checked only to learn whose key checks it;
        // nothing else in them is believed until it has.
        let claims = try Credential.Claims.decode(parsed.claims)
        guard let issuer = trustedIssuers[claims.issuer] else {
            throw IdentityError(.unknownIssuer, "issuer \"\(claims.issuer.prefix(64))\" is not trusted here")
        }
        guard
            issuer.isValidSignature(parsed.signature, for: CredentialToken.signingInput(claimsPart: parsed.claimsPart))
        else {
            throw IdentityError(
                .badSignature, "signature does not match the claims under the key of issuer \(issuer.id)")
        }
        let credential = try claims.credential()
        let refused = credential.roles.subtracting(issuer.allowedRoles)
        guard refused.isEmpty else {
            throw IdentityError(
                .roleNotAllowed,
                "issuer \(issuer.id) may not assert role \(refused.sorted().map(\.rawValue).joined(separator: ", "))"
            )
        }
        return credential
    }
}
