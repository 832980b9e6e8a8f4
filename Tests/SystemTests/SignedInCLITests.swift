import Foundation
import Testing
import TestSupport

/// subanctl as a signed-in person, when the console that signs each call is not there.
@Suite("System: subanctl with a session and the console down")
struct SignedInCLITests {
    @Test func aCallWithTheConsoleDownSaysSoAndIsNotMade() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suban-cli-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        #expect(FileManager.default.createFile(
            atPath: folder + "/session", contents: Data("a-session-token-of-nobody\n".utf8), attributes: [.posixPermissions: 0o600]
        ))
        // No operator override: the call must be signed through the console, which listens nowhere.
        let result = try await runCommand("subanctl", ["list"], environment: [
            "SUBAN_AS": "", "SUBAN_CONFIG_DIR": folder, "SUBAN_CONSOLE_PORT": "1", "SUBAN_INTAKE_PORT": "1",
        ])
        #expect(result.status != 0)
        #expect(result.standardError.contains("no credential for this call: the console at 127.0.0.1:1 does not answer"))
        #expect(!result.standardError.contains("a-session-token-of-nobody"))
    }
}
