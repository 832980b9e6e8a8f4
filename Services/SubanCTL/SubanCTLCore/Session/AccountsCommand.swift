import ArgumentParser
import WireProtocol

/// `subanctl accounts …`: the administrators' account commands (console service).
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Manage staff accounts (administrators).",
        subcommands: [
            List.self, Create.self, Import.self, Update.self, Disable.self, Enable.self, ResetPassword.self,
            Events.self,
        ]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @Option(help: "Only the accounts of this unit.") var unit: String?
        @Option(help: "Only the accounts holding this role.") var role: String?
        @Flag(name: .customLong("include-disabled"), help: "Also the disabled accounts.") var includeDisabled = false
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let response: Wire.ListAccountsResponse = try await console.call(
                Wire.Console.listAccounts,
                Wire.ListAccountsRequest(unit: unit ?? "", role: role ?? "", includeDisabled: includeDisabled)
            )
            switch console.output {
            case .json: print(try OrderPrinter.json(response.accounts.map(AccountPrinter.object)))
            case .table: print(AccountPrinter.accountTable(response.accounts))
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; prints its one-time password, once.",
            discussion: "Liaisons, unit leaders and deputy leaders belong to a unit: give --unit."
        )
        @Argument(help: "The login: 1 to 64 of a-z, 0-9, '.', '_' and '-'.") var login: String
        @Option(help: "The holder's name.") var name: String
        @Option(name: .customLong("role"), help: "A role (repeatable).") var roles: [String] = []
        @Option(help: "The unit code, for accounts of one unit.") var unit: String?
        @Option var email: String?
        @Option var phone: String?
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let account = Wire.Account(
                login: login, name: name, phone: phone ?? "", email: email ?? "", roles: roles, unit: unit ?? "")
            let response: Wire.CreateAccountResponse = try await console.call(
                Wire.Console.createAccount, Wire.CreateAccountRequest(account: account))
            print("created \(login); its one-time password, shown only now (the holder changes it at first sign-in):")
            print(response.oneTimePassword)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an account's name, contact, roles or unit.")
        @Argument(help: "The account's login.") var login: String
        @Option var name: String?
        @Option(name: .customLong("role"), help: "The roles, replacing all the account holds (repeatable).") var roles:
            [String] = []
        @Option(help: "The unit code; an empty string for none.") var unit: String?
        @Option var email: String?
        @Option var phone: String?
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let accounts: Wire.ListAccountsResponse = try await console.call(
                Wire.Console.listAccounts, Wire.ListAccountsRequest(includeDisabled: true))
            guard var account = accounts.accounts.first(where: { $0.login == login }) else {
                throw ValidationError("no account \(login); see subanctl accounts list --include-disabled")
            }
            if let name { account.name = name }
            if !roles.isEmpty { account.roles = roles }
            if let unit { account.unit = unit }
            if let email { account.email = email }
            if let phone { account.phone = phone }
            let response: Wire.UpdateAccountResponse = try await console.call(
                Wire.Console.updateAccount, Wire.UpdateAccountRequest(account: account))
            print("updated \(response.account?.login ?? login)")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account; its sessions end.")
        @Argument(help: "The account's login.") var login: String
        @Option(help: "Why, for the account events.") var reason: String?
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let _: Wire.SetAccountDisabledResponse = try await console.call(
                Wire.Console.setAccountDisabled,
                Wire.SetAccountDisabledRequest(login: login, disabled: true, reason: reason ?? "")
            )
            print("disabled \(login)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account.")
        @Argument(help: "The account's login.") var login: String
        @Option(help: "Why, for the account events.") var reason: String?
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let _: Wire.SetAccountDisabledResponse = try await console.call(
                Wire.Console.setAccountDisabled,
                Wire.SetAccountDisabledRequest(login: login, disabled: false, reason: reason ?? "")
            )
            print("enabled \(login)")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Give an account a new one-time password; its sessions end and a lockout lifts."
        )
        @Argument(help: "The account's login.") var login: String
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let response: Wire.ResetPasswordResponse = try await console.call(
                Wire.Console.resetPassword, Wire.ResetPasswordRequest(login: login))
            print("new one-time password of \(login), shown only now (the holder changes it at first sign-in):")
            print(response.oneTimePassword)
        }
    }

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show sign-ins, lockouts and account changes, newest first.")
        @Option(help: "Only this account's events.") var login: String?
        @Option(help: "How many, at most (default 100, at most 1000).") var limit: UInt32 = 100
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let response: Wire.ListAccountEventsResponse = try await console.call(
                Wire.Console.listAccountEvents, Wire.ListAccountEventsRequest(login: login ?? "", limit: limit)
            )
            switch console.output {
            case .json: print(try OrderPrinter.json(response.events.map(AccountPrinter.object)))
            case .table: print(AccountPrinter.eventTable(response.events))
            }
        }
    }
}
