import ArgumentParser
import WireProtocol

/// `subanctl passwd`: replaces the signed-in person's password (the one-time one, first of all).
struct PasswdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Change your password; your other sessions end.",
        discussion: """
            A password has 12 characters or more and at most 72 bytes. Asks without echo; in a script, \
            standard input gives the current password on its first line and the new one on the second.
            """
    )

    @OptionGroup var console: ConsoleCallOptions

    func run() async throws {
        let token = try console.requireToken()
        let current = try PasswordPrompt.secret("Current password: ")
        let new = try PasswordPrompt.secret("New password: ")
        if !PasswordPrompt.readsStandardInput {
            guard try PasswordPrompt.secret("New password again: ") == new else {
                throw ConsoleCallOptions.Refusal(description: "the two new passwords differ; nothing was changed")
            }
        }
        let _: Wire.ChangePasswordResponse = try await console.call(
            Wire.Console.changePassword, Wire.ChangePasswordRequest(currentPassword: current, newPassword: new),
            session: token
        )
        print("password changed; your other sessions have ended")
    }
}
