import Foundation
import TestSupport
import Testing

/// `subanctl routing` and `subanctl units` against a running routing service: the rules and the
/// directory listed, exported, edited and loaded back by an administrator; a refused file changes nothing.
@Suite("System: routing rules and units from the command line")
struct RoutingCLITests {
    @Test func anAdministratorExportsEditsAndLoadsTheRules() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent(
            "suban-routing-cli-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let routing = try await ServiceProcess.launch(
            "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": data])
        let options = ["--address", "routing=127.0.0.1:\(routing.port)", "--as", "administrator:admin"]
        do {
            let listed = try await runCommand("subanctl", ["routing", "rules"] + options)
            #expect(listed.status == 0, "\(listed.standardError)")
            #expect(listed.standardOutput.hasPrefix("version shipped-2\n"))
            #expect(
                listed.standardOutput.contains("keyword.employment")
                    && listed.standardOutput.contains("terms (a keyword inside one does not match): 灵活就业人员"))

            let exported = try await runCommand("subanctl", ["routing", "rules", "--output", "json"] + options)
            let edited = exported.standardOutput
                .replacingOccurrences(of: "\"shipped-2\"", with: "\"2027-1\"")
                .replacingOccurrences(of: "\"职业介绍\"", with: "\"职业介绍\", \"零工市场\"")
            let file = data + "/rules.json"
            try Data(edited.utf8).write(to: URL(fileURLWithPath: file))
            let loaded = try await runCommand("subanctl", ["routing", "load-rules", file] + options)
            #expect(loaded.status == 0, "\(loaded.standardError)")
            #expect(loaded.standardOutput == "loaded rule set 2027-1: rules 11, terms 1\n")

            try Data(edited.replacingOccurrences(of: "\"job_placement_center\"", with: "\"nosuch_unit\"").utf8).write(
                to: URL(fileURLWithPath: file))
            let refused = try await runCommand("subanctl", ["routing", "load-rules", file] + options)
            #expect(refused.status != 0)
            #expect(refused.standardError.contains("nosuch_unit"), "\(refused.standardError)")
            let after = try await runCommand("subanctl", ["routing", "rules"] + options)
            #expect(after.standardOutput.hasPrefix("version 2027-1\n") && after.standardOutput.contains("零工市场"))
        } catch {
            await routing.stop()
            throw error
        }
        #expect(await routing.stop() == 0)
    }

    static let exampleDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/units-example.csv").standardizedFileURL

    @Test func anAdministratorExportsEditsAndImportsTheDirectory() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("suban-units-cli-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let routing = try await ServiceProcess.launch(
            "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": data])
        let options = ["--address", "routing=127.0.0.1:\(routing.port)", "--as", "administrator:admin"]
        do {
            let exported = try await runCommand("subanctl", ["units", "export"] + options)
            #expect(exported.status == 0, "\(exported.standardError)")
            let shipped = try String(contentsOf: Self.exampleDirectory, encoding: .utf8)
            #expect(exported.standardOutput == shipped)

            let file = data + "/units.csv"
            let edited = exported.standardOutput.replacingOccurrences(
                of: "job_placement_center,职业介绍服务中心,unit,,true",
                with: "job_placement_center,职业介绍服务中心,unit,employment,true")
            try Data(edited.utf8).write(to: URL(fileURLWithPath: file))
            let imported = try await runCommand("subanctl", ["units", "import", file] + options)
            #expect(imported.status == 0, "\(imported.standardError)")
            #expect(imported.standardOutput == "imported 12 units; added none, changed job_placement_center\n")

            try Data(edited.replacingOccurrences(of: ",unit,", with: ",section,").utf8).write(
                to: URL(fileURLWithPath: file))
            let refused = try await runCommand("subanctl", ["units", "import", file] + options)
            #expect(refused.status != 0)
            #expect(
                refused.standardError.contains("csv.line[3].level") && refused.standardError.contains("10 problems"),
                "\(refused.standardError)")
            let listed = try await runCommand("subanctl", ["units", "list"] + options)
            let placement = listed.standardOutput.split(separator: "\n").first { $0.hasPrefix("job_placement_center ") }
            #expect(placement?.split(separator: " ").contains("employment") == true, "\(listed.standardOutput)")
        } catch {
            await routing.stop()
            throw error
        }
        #expect(await routing.stop() == 0)
    }
}
