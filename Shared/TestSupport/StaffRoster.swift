import Foundation

/// The bureau's people on a console a system test started, entered as a new bureau's administrator
/// enters them: the first administrator bootstrapped, signed in with `subanctl login`, a password of
/// their own set, and `docs/roster-example.csv` imported with `subanctl accounts import`.
public enum StaffRoster {
    /// The example roster: a liaison, head and deputy leader for every shipped unit, and the desk on
    /// duty; addresses `<post>.<unit-code-with-dashes>@example.invalid`.
    public static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/roster-example.csv").path

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Imports `roster` into the console listening on `consolePort` whose data is in `dataDirectory`,
    /// which must hold no administrator yet. Returns the administrator's environment for `subanctl`
    /// (its session file's folder, no operator override).
    @discardableResult
    public static func seed(
        consolePort: Int, dataDirectory: String, roster: String = examplePath
    ) async throws -> [String: String] {
        let configFolder = dataDirectory + "/subanctl-admin"
        try FileManager.default.createDirectory(
            atPath: configFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let environment = [
            "SUBAN_DATA_DIR": dataDirectory, "SUBAN_CONSOLE_PORT": "\(consolePort)", "SUBAN_CONFIG_DIR": configFolder,
            "SUBAN_AS": "",
        ]
        let bootstrap = try await run(
            "suban-console", ["bootstrap-admin", "--login", "admin", "--name", "管理员"], environment)
        let oneTime = bootstrap.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let password = "roster administrator password"
        try await run("subanctl", ["login", "--login", "admin"], environment, input: oneTime + "\n")
        try await run("subanctl", ["passwd"], environment, input: "\(oneTime)\n\(password)\n")
        try await run("subanctl", ["accounts", "import", roster], environment)
        return environment
    }

    @discardableResult
    private static func run(
        _ name: String, _ arguments: [String], _ environment: [String: String], input: String? = nil
    ) async throws
        -> CommandResult
    {
        let result = try await runCommand(name, arguments, environment: environment, input: input)
        guard result.status == 0 else {
            throw Failure(
                description: "\(name) \(arguments.first ?? "") exited \(result.status): \(result.standardError)")
        }
        return result
    }
}
