import Crypto
public import Domain
import Foundation
public import Identity
public import RPC
public import ServiceDirectory
public import ServiceKit
public import WireProtocol

/// Issuers and trust for tests, as a deployment has them: the console signs staff credentials,
/// the gateway the platform's, every service its own `system` ones. Keys are made afresh per
/// process; nothing is read from or written to disk.
public enum TestIdentity {
    /// The private keys' raw bytes: swift-crypto's key types are not `Sendable`.
    private static let keys: [String: Data] = Dictionary(
        uniqueKeysWithValues: (ServiceName.allCases.map(\.rawValue) + ["operator"]).map {
            ($0, Curve25519.Signing.PrivateKey().rawRepresentation)
        }
    )

    private static func key(_ id: String) -> Curve25519.Signing.PrivateKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: keys[id]!)
    }

    /// The issuer named `id` (`console`, or a service's name).
    public static func issuer(_ id: String) -> CredentialIssuer {
        try! CredentialIssuer(id: id, privateKey: key(id))
    }

    /// What every service trusts, as `scripts/run.sh` configures it.
    public static let trustedIssuers: TrustedIssuers = {
        var issuers = [
            TrustedIssuers.Issuer(id: "console", publicKey: key("console").publicKey, allowedRoles: .staff),
            TrustedIssuers.Issuer(id: "operator", publicKey: key("operator").publicKey, allowedRoles: .staff),
        ]
        for service in ServiceName.allCases where service != .console {
            let roles: Set<Role> = service == .gateway ? [.platform, .system] : [.system]
            issuers.append(
                TrustedIssuers.Issuer(
                    id: service.rawValue, publicKey: key(service.rawValue).publicKey, allowedRoles: roles))
        }
        return TrustedIssuers(issuers)
    }()

    /// What every process a test starts is given: the trust above, each service's issuer key, and
    /// the operator key (in a file of mode 600) with which `subanctl --as` (or `SUBAN_AS`) signs.
    /// Metrics listen on a free port (printed as `metrics-ready`), also for a service a test puts
    /// on a fixed RPC port: the default 742x may be taken by a stack running on the machine.
    public static let processEnvironment: [String: String] = {
        var environment = [TrustedIssuers.environmentVariable: trustedIssuers.description]
        for service in ServiceName.allCases {
            environment[service.environmentPrefix + "ISSUER_KEY"] = keys[service.rawValue]!.base64EncodedString()
            environment[service.environmentPrefix + "METRICS_PORT"] = "0"
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "suban-test-keys-\(UUID().uuidString)"
        ).path
        try! FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = folder + "/operator.key"
        _ = FileManager.default.createFile(
            atPath: path, contents: Data((keys["operator"]!.base64EncodedString() + "\n").utf8),
            attributes: [.posixPermissions: 0o600]
        )
        environment["SUBAN_OPERATOR_KEY_FILE"] = path
        // subanctl acts as the bureau desk unless a test says otherwise with --as.
        environment["SUBAN_AS"] = "bureau_desk:desk@office"
        return environment
    }()

    /// The identity of `service`: its issuer and a gate trusting the test issuers.
    public static func service(_ service: ServiceName) -> ServiceIdentity {
        ServiceIdentity(issuer: issuer(service.rawValue), trustedIssuers: trustedIssuers)
    }

    /// A fresh single-use staff credential for `actor`, signed by the console.
    public static func token(for actor: WorkOrder.Actor, roles: Set<Role>? = nil, lifetime: Duration = .seconds(300))
        -> String
    {
        try! issuer("console").issue(
            account: actor.id, displayName: actor.name ?? actor.id, roles: roles ?? [actor.role], unit: actor.unitCode,
            lifetime: lifetime
        ).token
    }

    /// The headers of a call made by `actor`: a staff credential from the console, or for the platform
    /// and services one from the gateway or the service.
    public static func headers(for actor: WorkOrder.Actor) -> [Header] {
        let token: String
        switch actor.role {
        case .platform:
            token = try! issuer("gateway").issue(account: actor.id, displayName: actor.id, roles: [.platform]).token
        case .system:
            token = try! issuer("intake").issue(account: actor.id, displayName: actor.id, roles: [.system]).token
        default: token = self.token(for: actor)
        }
        return [Header(name: Header.credential, value: token)]
    }

    /// Calls made by `actor`, each with a fresh credential.
    public static func credentials(_ actor: WorkOrder.Actor) -> any CallCredentials {
        ActingAs(actor: actor)
    }

    /// Calls made by `actor`, except those of `serviceMethods`, which a service makes as `system`.
    public static func credentials(_ actor: WorkOrder.Actor, serviceMethods: Set<String>) -> any CallCredentials {
        ActingAs(
            actor: actor, byMethod: Dictionary(uniqueKeysWithValues: serviceMethods.map { ($0, TestIdentity.system) }))
    }

    /// Calls made by `actor`, except those of the methods `byMethod` names, made by whom it says.
    public static func credentials(_ actor: WorkOrder.Actor, byMethod: [String: WorkOrder.Actor]) -> any CallCredentials
    {
        ActingAs(actor: actor, byMethod: byMethod)
    }

    struct ActingAs: CallCredentials {
        let actor: WorkOrder.Actor
        var byMethod: [String: WorkOrder.Actor] = [:]

        func headers(for method: String) async throws(RPCError) -> [Header] {
            TestIdentity.headers(for: byMethod[method] ?? actor)
        }
    }

    /// Common actors of tests.
    public static let administrator = WorkOrder.Actor(id: "admin", role: .administrator, name: "管理员")
    public static let desk = WorkOrder.Actor(id: "desk", role: .bureauDesk, name: "值班员")
    public static let system = WorkOrder.Actor(id: "intake", role: .system)
    public static let platform = WorkOrder.Actor(id: "12345", role: .platform)
}
