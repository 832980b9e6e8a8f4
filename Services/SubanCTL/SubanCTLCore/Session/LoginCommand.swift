import ArgumentParser
import RPC
import WireProtocol

/// `subanctl login [--login L]`: signs in to the console and keeps the session for later commands.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in; later commands act as you until you sign out or the session ends.",
        discussion: """
            Asks for the password without echo. In a script (standard input not a terminal), the password \
            is the first line of standard input, and --login is required.
            """
    )

    @Option(help: "Your login; asked for when left out.") var login: String?
    @OptionGroup var console: ConsoleCallOptions

    func validate() throws {
        if login == nil && PasswordPrompt.readsStandardInput {
            throw ValidationError("give --login when the password comes on standard input")
        }
    }

    func run() async throws {
        let login = try login ?? PasswordPrompt.line("Login: ")
        let password = try PasswordPrompt.secret("Password for \(login): ")
        let previous = try? console.sessionFile.load()
        let response = try await console.call(
            Wire.Console.signIn, Wire.SignInRequest(login: login, password: password, client: "subanctl"), session: nil
        )
        try console.sessionFile.save(response.sessionToken)
        if let previous, previous != response.sessionToken {
            // The session this one replaces would otherwise stay open, unused, until it expires.
            _ = try? await console.call(
                Wire.Console.signOut, Wire.SignOutRequest(), session: previous)
        }
        guard let account = response.account, let session = response.session else { return }
        switch console.output {
        case .json:
            print(
                try OrderPrinter.json([
                    "account": AccountPrinter.object(account), "session": AccountPrinter.object(session),
                ]))
        case .table:
            print("signed in as \(account.name) (\(account.login)), \(AccountPrinter.post(account))")
            print(AccountPrinter.limits(session))
        }
        if account.mustChangePassword {
            print(
                "You signed in with a one-time password: run subanctl passwd to choose your own before anything else.")
        }
    }
}

/// `subanctl logout`: ends the session and forgets it.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Sign out.")

    @OptionGroup var console: ConsoleCallOptions

    func run() async throws {
        guard let token = try console.sessionFile.load() else {
            print("not signed in")
            return
        }
        do {
            let _: Wire.SignOutResponse = try await console.call(
                Wire.Console.signOut, Wire.SignOutRequest(), session: token)
        } catch let failure as CommandFailure where failure.error.code == .unauthenticated {
            // Ended already; forgetting it is all there is left to do.
        }
        try console.sessionFile.remove()
        print("signed out")
    }
}

/// `subanctl whoami`: the signed-in account and its session.
struct WhoAmICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show who is signed in.")

    @OptionGroup var console: ConsoleCallOptions

    func run() async throws {
        let response: Wire.WhoAmIResponse = try await console.call(Wire.Console.whoami, Wire.WhoAmIRequest())
        guard let account = response.account, let session = response.session else { return }
        switch console.output {
        case .json:
            print(
                try OrderPrinter.json([
                    "account": AccountPrinter.object(account), "session": AccountPrinter.object(session),
                ]))
        case .table:
            print("\(account.name) (\(account.login)), \(AccountPrinter.post(account))")
            print(AccountPrinter.limits(session))
            if account.mustChangePassword { print("The one-time password is still in use: run subanctl passwd.") }
        }
    }
}
