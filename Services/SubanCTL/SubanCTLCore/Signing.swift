import ArgumentParser
import Domain
import Foundation
import Identity
import RPC
import WireProtocol

/// Who the CLI's calls are made by: the account signed in with `subanctl login`, or, for operators
/// and test rigs only, `--as` with the operator key, which services accept only when their trust
/// configuration names the `operator` issuer, and record as an override.
struct Signing: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "Operator override: act as role:id[@unit] (default SUBAN_AS), signed with the operator key (--operator-key or SUBAN_OPERATOR_KEY_FILE).",
            valueName: "role:id[@unit]"
        )
    )
    var override: OverrideActor?

    @Option(
        name: .customLong("operator-key"), help: ArgumentHelp("The operator key file, for --as.", valueName: "file"))
    var operatorKeyFile: String?

    /// The credentials of the calls this command makes.
    func credentials(environment: [String: String], connection: ServiceConnection) throws -> any CallCredentials {
        let fromEnvironment = environment["SUBAN_AS"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = fromEnvironment, OverrideActor(argument: text) == nil {
            throw ValidationError("SUBAN_AS=\"\(text)\" is not role:id[@unit] with a staff role")
        }
        guard let override = override ?? fromEnvironment.flatMap(OverrideActor.init(argument:)) else {
            guard
                let session = try ConsoleSession.load(
                    console: try connection.consoleClient().0, environment: environment)
            else {
                throw ValidationError(ConsoleSession.notSignedIn.message)
            }
            return session
        }
        guard let path = operatorKeyFile ?? environment["SUBAN_OPERATOR_KEY_FILE"], !path.isEmpty else {
            throw ValidationError(
                "--as needs the operator key: --operator-key FILE or SUBAN_OPERATOR_KEY_FILE; staff sign in with subanctl login"
            )
        }
        do {
            let issuer = try CredentialIssuer(id: OperatorCredentials.issuerID, privateKey: KeyFile(path: path).load())
            return OperatorCredentials(issuer: issuer, actor: override)
        } catch {
            throw ValidationError("the operator key cannot be used: \(error)")
        }
    }
}

/// `role:id[@unit]`, e.g. `liaison:li.wei@employment_office`.
struct OverrideActor: ExpressibleByArgument {
    var role: Role
    var id: String
    var unit: String?

    init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let role = Role(rawValue: parts[0]), role.isStaff else { return nil }
        let idAndUnit = parts[1].split(separator: "@", maxSplits: 1).map(String.init)
        guard let id = idAndUnit.first, !id.isEmpty else { return nil }
        self.role = role
        self.id = id
        unit = idAndUnit.count == 2 ? idAndUnit[1] : nil
    }

    static var allValueStrings: [String] { Role.allCases.filter(\.isStaff).map { "\($0.rawValue):ID[@UNIT]" } }
}

/// A fresh credential per call, signed by the operator key for the overriding actor.
struct OperatorCredentials: CallCredentials {
    static let issuerID = "operator"

    let issuer: CredentialIssuer
    let actor: OverrideActor

    func headers(for method: String) async throws(RPCError) -> [Header] {
        do {
            let token = try issuer.issue(
                account: actor.id, displayName: actor.id, roles: [actor.role], unit: actor.unit, lifetime: .seconds(120)
            ).token
            return [Header(name: Header.credential, value: token)]
        } catch {
            throw RPCError(.invalidArgument, "--as \(actor.role):\(actor.id) cannot be signed: \(error)")
        }
    }
}
