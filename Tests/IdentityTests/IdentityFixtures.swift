import Crypto
import Domain
import Foundation

@testable import Identity

/// Fixed keys, issuers and a verifier trusting them as the design configures it: staff roles from
/// the console, `platform` from the gateway, `system` from intake's scheduler.
enum IdentityFixtures {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func key(_ seed: UInt8) -> Curve25519.Signing.PrivateKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32))
    }

    // Computed: swift-crypto's keys are not Sendable, so they cannot be shared statics.
    static var consoleKey: Curve25519.Signing.PrivateKey { key(1) }
    static var gatewayKey: Curve25519.Signing.PrivateKey { key(2) }
    static var intakeKey: Curve25519.Signing.PrivateKey { key(3) }
    static var strangerKey: Curve25519.Signing.PrivateKey { key(9) }

    static let staffRoles = Set(Role.allCases.filter(\.isStaff))

    static let console = try! CredentialIssuer(id: "console", privateKey: consoleKey)
    static let gateway = try! CredentialIssuer(id: "gateway", privateKey: gatewayKey)
    static let intake = try! CredentialIssuer(id: "intake", privateKey: intakeKey)

    static let trust = TrustedIssuers([
        .init(id: "console", publicKey: consoleKey.publicKey, allowedRoles: staffRoles),
        .init(id: "gateway", publicKey: gatewayKey.publicKey, allowedRoles: [.platform]),
        .init(id: "intake", publicKey: intakeKey.publicKey, allowedRoles: [.system]),
    ])

    static let verifier = CredentialVerifier(trustedIssuers: trust)

    /// A liaison of the pension insurance unit, signed in at the console.
    static func liaison(
        lifetime: Duration = CredentialIssuer.defaultLifetime,
        at time: Date = now
    ) throws -> (credential: Credential, token: String) {
        try console.issue(
            account: "wang.fang",
            displayName: "王芳",
            roles: [.liaison],
            unit: "pension_insurance",
            lifetime: lifetime,
            now: time
        )
    }

    /// The same liaison's credential every time: a fixed id as well as a fixed clock.
    static func fixedLiaisonToken() throws -> String {
        try console.sign(
            Credential(
                issuer: "console",
                account: "wang.fang",
                displayName: "王芳",
                roles: [.liaison],
                unit: "pension_insurance",
                issuedAtMilliseconds: 1_767_225_600_000,
                expiresAtMilliseconds: 1_767_225_900_000,
                id: "AAAAAAAAAAAAAAAAAAAAAA"
            )
        )
    }

    /// A token whose claims part is `claims` exactly, signed correctly by `key`: for claims that no
    /// issuer would make.
    static func token(claims: String, signedBy key: Curve25519.Signing.PrivateKey = consoleKey) -> String {
        let claimsPart = Base64URL.encode(Array(claims.utf8))
        let signature = try! key.signature(for: CredentialToken.signingInput(claimsPart: claimsPart))
        return "v1.\(claimsPart).\(Base64URL.encode(signature))"
    }

    /// The claims of a valid console credential as JSON, with `changes` applied (nil removes a key).
    static func claims(_ changes: [String: (any Sendable)?] = [:]) -> String {
        var object: [String: Any] = [
            "account": "wang.fang",
            "expires_at": 1_767_225_900_000,
            "id": "AAAAAAAAAAAAAAAAAAAAAA",
            "issued_at": 1_767_225_600_000,
            "issuer": "console",
            "name": "王芳",
            "roles": ["liaison"],
            "unit": "pension_insurance",
        ]
        for (key, value) in changes { object[key] = value.map { $0 as Any } }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The code `verify` refuses `token` with, or nil if it accepts it.
    static func refusal(_ token: String, now: Date = now, verifier: CredentialVerifier = verifier) -> IdentityError
        .Code?
    {
        do {
            _ = try verifier.verify(token, now: now)
            return nil
        } catch {
            return error.code
        }
    }
}
