import Foundation
public import Identity
public import ServiceDirectory

/// Who a service is and whom it believes: its own issuer (the key it signs its calls with), the
/// gate that checks every caller's credential, and its own `system` credential for outgoing calls.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SUBAN_TRUSTED_ISSUERS` | none: required | the issuers this service believes (docs/identity.md) |
/// | `SUBAN_<SERVICE>_ISSUER_KEY` | unset | the service's Ed25519 private key, 32 bytes in base64 |
/// | `SUBAN_<SERVICE>_ISSUER_KEY_FILE` | `<data dir>/keys/<service>.key` | the key's file, created with mode 600 on first run |
/// | `SUBAN_CREDENTIAL_SKEW_SECONDS` | 30 | clock skew allowed between issuer and verifier, 0–300 |
public struct ServiceIdentity: Sendable {
    public let issuer: CredentialIssuer
    public let gate: CredentialGate
    /// The service's own `system` credential, for the calls it makes by itself.
    public let credentials: ServiceCredentials

    public init(
        issuer: CredentialIssuer, trustedIssuers: TrustedIssuers,
        clockSkew: Duration = CredentialVerifier.defaultClockSkew
    ) {
        self.issuer = issuer
        gate = CredentialGate(verifier: CredentialVerifier(trustedIssuers: trustedIssuers, clockSkew: clockSkew))
        credentials = ServiceCredentials(issuer: issuer)
    }

    /// Reads the identity of `service` from `environment`, creating its key file on first run.
    public init(service: ServiceName, dataDirectory: String, environment: [String: String]) throws {
        self.init(
            issuer: try Self.issuer(service: service, dataDirectory: dataDirectory, environment: environment),
            trustedIssuers: try Self.trustedIssuers(environment),
            clockSkew: try Self.clockSkew(environment)
        )
    }

    /// The service's issuer, named after it, with its key from configuration or its key file.
    public static func issuer(service: ServiceName, dataDirectory: String, environment: [String: String]) throws
        -> CredentialIssuer
    {
        let prefix = service.environmentPrefix
        if let base64 = environment[prefix + "ISSUER_KEY"] {
            return try CredentialIssuer(
                id: service.rawValue, privateKey: KeyFile.privateKey(base64: base64, source: prefix + "ISSUER_KEY"))
        }
        let path = environment[prefix + "ISSUER_KEY_FILE"] ?? "\(dataDirectory)/keys/\(service.rawValue).key"
        return try CredentialIssuer(id: service.rawValue, privateKey: KeyFile(path: path).loadOrCreate())
    }

    static func trustedIssuers(_ environment: [String: String]) throws -> TrustedIssuers {
        guard let text = environment[TrustedIssuers.environmentVariable] else {
            throw ServiceEnvironment.ConfigurationError(
                variable: TrustedIssuers.environmentVariable, value: "",
                expected:
                    "the issuers to trust, id:public key:roles;… (scripts/run.sh writes one; see docs/identity.md)"
            )
        }
        return try TrustedIssuers(parsing: text)
    }

    static func clockSkew(_ environment: [String: String]) throws -> Duration {
        let seconds = try ServiceEnvironment.integer(
            environment, "SUBAN_CREDENTIAL_SKEW_SECONDS", default: 30, in: 0...300)
        return .seconds(seconds)
    }

    /// The lines printed at start: the trust configuration in full (public keys are not secret).
    public var effectiveConfiguration: [String] {
        [
            "issuer=\(issuer.id) public_key=\(issuer.publicKeyBase64)",
            "\(TrustedIssuers.environmentVariable)=\(gate.verifier.trustedIssuers)",
        ]
    }
}
