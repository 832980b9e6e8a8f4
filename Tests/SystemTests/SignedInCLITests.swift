import Foundation
import TestSupport
import Testing

/// subanctl as a signed-in person: an administrator entering the bureau's people, and a call when
/// the console that signs each call is not there.
@Suite("System: subanctl with a session")
struct SignedInCLITests {
    @Test func aCallWithTheConsoleDownSaysSoAndIsNotMade() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suban-cli-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        #expect(
            FileManager.default.createFile(
                atPath: folder + "/session", contents: Data("a-session-token-of-nobody\n".utf8),
                attributes: [.posixPermissions: 0o600]
            ))
        // No operator override: the call must be signed through the console, which listens nowhere.
        let result = try await runCommand(
            "subanctl", ["list"],
            environment: [
                "SUBAN_AS": "", "SUBAN_CONFIG_DIR": folder, "SUBAN_CONSOLE_PORT": "1", "SUBAN_INTAKE_PORT": "1",
            ])
        #expect(result.status != 0)
        #expect(
            result.standardError.contains("no credential for this call: the console at 127.0.0.1:1 does not answer"))
        #expect(!result.standardError.contains("a-session-token-of-nobody"))
    }

    @Test func aRosterIsImportedWholeOrNotAtAll() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("suban-roster-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let console = try await ServiceProcess.launch(
            "suban-console",
            environment: [
                "SUBAN_CONSOLE_PORT": "0", "SUBAN_DATA_DIR": data, "SUBAN_CONSOLE_BCRYPT_COST": "4",
            ])
        do {
            let admin = try await StaffRoster.seed(consolePort: console.port, dataDirectory: data)
            let listed = try await runCommand(
                "subanctl", ["accounts", "list", "--unit", "pension_insurance_center"], environment: admin)
            #expect(
                listed.standardOutput.contains("leader.pension_insurance_center")
                    && listed.standardOutput.contains("养老保险中心负责人（示例）"))

            let bad = data + "/bad.csv"
            try Data(
                """
                login,name,roles,unit,email,phone
                zhou.xin,周新,liaison,talent_exchange_center,zhou.xin@example.invalid,
                wu.xin,吴新,liaison,talent_exchange_center,wu.xin@,
                zheng.xin,郑新,chief,talent_exchange_center,,
                """.utf8
            ).write(to: URL(fileURLWithPath: bad))
            let refused = try await runCommand("subanctl", ["accounts", "import", bad], environment: admin)
            #expect(refused.status != 0)
            #expect(refused.standardError.contains("no account was created: line 3, email:"))
            #expect(refused.standardError.contains("line 4, roles"))
            let after = try await runCommand(
                "subanctl", ["accounts", "list", "--unit", "talent_exchange_center"], environment: admin)
            #expect(!after.standardOutput.contains("zhou.xin"))

            // Accepted, but an address no mail server delivers is named on standard error.
            let good = data + "/good.csv"
            try Data(
                """
                login,name,roles,unit,email,phone
                zhou.xin,周新,liaison,talent_exchange_center,zhou.xin@example.invalid,
                wu.xin,吴新,liaison,talent_exchange_center,wu.xin@rsj.smx.gov.cn,
                """.utf8
            ).write(to: URL(fileURLWithPath: good))
            let imported = try await runCommand("subanctl", ["accounts", "import", good], environment: admin)
            #expect(imported.status == 0, "\(imported.standardError)")
            #expect(
                imported.standardError.contains("warning: 1 of 2 accounts have an address at a reserved example domain")
            )
            #expect(
                imported.standardError.contains("line 2: zhou.xin <zhou.xin@example.invalid>")
                    && !imported.standardError.contains("wu.xin"))
        } catch {
            await console.stop()
            throw error
        }
        await console.stop()
    }
}
