import ArgumentParser
import WireProtocol

/// `subanctl sessions [--login L]` and `subanctl sessions revoke ID`.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List or end sign-in sessions: your own, or (administrators) anyone's.",
        subcommands: [List.self, Revoke.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the open sessions.")
        @Option(help: "Another account's sessions (administrators).") var login: String?
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let response: Wire.ListSessionsResponse = try await console.call(
                Wire.Console.listSessions, Wire.ListSessionsRequest(login: login ?? ""))
            switch console.output {
            case .json: print(try OrderPrinter.json(response.sessions.map(AccountPrinter.object)))
            case .table: print(AccountPrinter.sessionTable(response.sessions))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a session by its id (see subanctl sessions).")
        @Argument(help: "The session's id.") var id: String
        @OptionGroup var console: ConsoleCallOptions

        func run() async throws {
            let _: Wire.RevokeSessionResponse = try await console.call(
                Wire.Console.revokeSession, Wire.RevokeSessionRequest(id: id))
            print("ended session \(id)")
        }
    }
}
