import Domain
public import Foundation
public import GRDB
import Persistence
import RPC
import ServiceDirectory
import ServiceKit
public import WireProtocol

/// `suban-console bootstrap-admin --login LOGIN --name NAME [--email E]`: the first administrator.
///
/// Every other account is made by an administrator, so the first one is made here, on the
/// console's database, and only while there is no administrator at all. It gets a one-time
/// password, printed once on standard output; there is no default password anywhere.
public enum AdministratorBootstrap {
    /// What the command line asks for.
    public struct Request: Sendable, Hashable {
        public var login: String
        public var name: String
        public var email: String

        public init(login: String, name: String, email: String = "") {
            self.login = login
            self.name = name
            self.email = email
        }
    }

    /// Arguments that do not make a request; the message says how to write them.
    public struct UsageError: Error, CustomStringConvertible {
        public var description: String
    }

    public static let usage = "usage: suban-console bootstrap-admin --login LOGIN --name NAME [--email EMAIL]"

    /// Parses the arguments after `bootstrap-admin`.
    public static func parse(_ arguments: [String]) throws(UsageError) -> Request {
        var values: [String: String] = [:]
        var remaining = arguments[...]
        while let option = remaining.popFirst() {
            guard ["--login", "--name", "--email"].contains(option) else {
                throw UsageError(description: "unexpected argument \(option)\n\(usage)")
            }
            guard let value = remaining.popFirst() else {
                throw UsageError(description: "\(option) needs a value\n\(usage)")
            }
            guard values.updateValue(value, forKey: option) == nil else {
                throw UsageError(description: "\(option) is given twice\n\(usage)")
            }
        }
        guard let login = values["--login"], let name = values["--name"] else {
            throw UsageError(description: "--login and --name are required\n\(usage)")
        }
        return Request(login: login, name: name, email: values["--email"] ?? "")
    }

    /// Creates the administrator `request` describes, unless an administrator exists (then
    /// `failed_precondition`) or the request is invalid (`invalid_argument`, every field named).
    public static func createFirstAdministrator(
        _ request: Request,
        database: DatabasePool,
        bcryptCost: Int,
        now: Date = Date()
    ) async throws -> (account: Wire.Account, oneTimePassword: String) {
        let profile = try AccountProfile(
            wire: Wire.Account(
                login: request.login, name: request.name, email: request.email, roles: [Role.administrator.rawValue])
        )
        let oneTimePassword = PasswordRules.makeOneTimePassword()
        let hash = await PasswordHasher.hash(oneTimePassword, cost: bcryptCost)
        let record = try await AccountStore(database: database).createFirstAdministrator(
            profile, passwordHash: hash, now: SessionGate.milliseconds(now)
        )
        return (ConsoleWireMapping.account(record), oneTimePassword)
    }

    /// Runs the command with `arguments` (those after `bootstrap-admin`) and the process's
    /// `environment`; returns the exit status: 0 done, 1 refused or failed, 2 bad usage.
    public static func command(arguments: [String], environment: [String: String]) async -> Int32 {
        let request: Request
        let configuration: ConsoleConfiguration
        let serviceEnvironment: ServiceEnvironment
        do {
            request = try parse(arguments)
            configuration = try ConsoleConfiguration(variables: environment)
            serviceEnvironment = try ServiceEnvironment(service: .console, environment: environment)
        } catch {
            printError("suban-console bootstrap-admin: \(error)")
            return 2
        }
        do {
            let database = try ServiceDatabase.open(
                directory: serviceEnvironment.dataDirectory, name: ConsoleService.name.rawValue,
                migrations: ConsoleService.migrations
            )
            defer { try? database.close() }
            let created = try await createFirstAdministrator(
                request, database: database, bcryptCost: configuration.bcryptCost)
            printError(
                "created administrator \(created.account.login) in \(database.path); its one-time password follows, shown only now. "
                    + "Sign in with subanctl login and set a password of your own with subanctl passwd."
            )
            FileHandle.standardOutput.write(Data((created.oneTimePassword + "\n").utf8))
            return 0
        } catch let error as RPCError {
            // The console's own words, as subanctl prints a refusal: the message, then each field at fault.
            let violations = error.fieldViolations.map { "\n  \($0.field): \($0.message)" }.joined()
            printError("suban-console bootstrap-admin: \(error.message)\(violations)")
            return 1
        } catch {
            printError("suban-console bootstrap-admin: \(error)")
            return 1
        }
    }

    private static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
