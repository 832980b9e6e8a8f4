import Foundation
import TestSupport
import Testing

/// The real intake and routing services, driven only through `subanctl`, take one order from
/// filing to closure; then intake restarts and the order and its log are still there.
@Suite("System: an order from filing to close with subanctl")
struct OrderLifecycleSystemTests {
    struct Services {
        var intake: ServiceProcess
        var routing: ServiceProcess
        var dataDirectory: String

        var addresses: [String] {
            ["--address", "intake=127.0.0.1:\(intake.port)", "--address", "routing=127.0.0.1:\(routing.port)"]
        }

        func ctl(_ arguments: [String]) async throws -> CommandResult {
            try await runCommand("subanctl", arguments + addresses)
        }

        /// Runs subanctl with `--output json` and parses the object it prints.
        func json(_ arguments: [String]) async throws -> [String: Any] {
            let result = try await ctl(arguments + ["--output", "json"])
            #expect(result.status == 0, "subanctl \(arguments.joined(separator: " ")): \(result.standardError)")
            return try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        }
    }

    static func launchIntake(dataDirectory: String, routingPort: Int) async throws -> ServiceProcess {
        try await ServiceProcess.launch(
            "suban-intake",
            environment: [
                "SUBAN_INTAKE_PORT": "0", "SUBAN_DATA_DIR": dataDirectory, "SUBAN_ROUTING_PORT": "\(routingPort)",
                "SUBAN_SLA_PORT": "1",  // nothing listens: clock commands wait in the outbox
            ]
        )
    }

    @Test func anOrderTravelsTheWholeLifecycleAndSurvivesARestart() async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-lifecycle-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let routing = try await ServiceProcess.launch(
            "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": dataDirectory])
        var intake = try await Self.launchIntake(dataDirectory: dataDirectory, routingPort: routing.port)
        var services = Services(intake: intake, routing: routing, dataDirectory: dataDirectory)
        do {
            let filed = try await services.json([
                "file", "--number", "12333-20261127-0001", "--urgency", "normal", "--kind", "complaint", "--topic",
                "pension",
                "--content", "退休人员养老金本月未按时发放，请核实。", "--caller-name", "李四", "--caller-phone", "13987654321",
            ])
            #expect(filed["created"] as? Bool == true)
            let order = try #require(filed["order"] as? [String: Any])
            let id = try #require(order["id"] as? String)
            #expect(order["state"] as? String == "assigned_pending_ack")
            let unit = try #require((order["responsible_units"] as? [String])?.first)

            let steps: [[String]] = [
                ["acknowledge", id, "--as", "liaison:li@\(unit)"],
                [
                    "instruct", id, "--as", "unit_leader:zhao@\(unit)", "--opinion", "请养老保险中心核实",
                    "--circulate-to", "分管局领导", "--circulate-to", "基金监督科",
                ],
                ["start", id, "--as", "liaison:li@\(unit)"],
                ["reply", id, "--as", "liaison:li@\(unit)", "--text", "经核实已补发。", "--result", "solved"],
                ["review", id, "--as", "bureau_desk:wang@office", "--approve"],
                ["send", id, "--as", "bureau_desk:wang@office"],
                ["platform-review", id, "--as", "bureau_desk:wang@office", "--accept"],
                ["callback", id, "--as", "bureau_desk:wang@office", "--outcome", "satisfied"],
            ]
            for step in steps {
                let result = try await services.ctl(step)
                #expect(result.status == 0, "subanctl \(step.joined(separator: " ")): \(result.standardError)")
            }
            // The evidence of a wage-arrears reply is named by these codes.
            let standards = try await services.ctl(["standards", "list", "--as", "liaison:li@\(unit)"])
            #expect(
                standards.status == 0 && standards.standardOutput.hasPrefix("version provisional-2 (provisional)\n"),
                "\(standards.standardError)")
            #expect(standards.standardOutput.contains("WA-P01") && standards.standardOutput.contains("E3 调查核实记录"))
            let refused = try await services.ctl(["acknowledge", id, "--as", "liaison:li@\(unit)"])
            #expect(refused.status != 0)
            #expect(refused.standardError.contains("failed_precondition"))

            #expect(await intake.stop() == 0)
            intake = try await Self.launchIntake(dataDirectory: dataDirectory, routingPort: routing.port)
            services.intake = intake
            let shown = try await services.json(["show", id])
            #expect((shown["order"] as? [String: Any])?["state"] as? String == "closed")
            let actions = (shown["events"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
            #expect(
                actions == [
                    "assign", "acknowledge", "instruct", "start", "draft_reply", "review", "send_to_platform",
                    "platform_review", "record_callback",
                ])
            // Each event names who acted; these were signed with the operator key, and say so.
            let acknowledged = try #require(
                (shown["events"] as? [[String: Any]])?.first { $0["action"] as? String == "acknowledge" })
            #expect(acknowledged["actor_id"] as? String == "li")
            #expect(acknowledged["unit"] as? String == unit)
            #expect(acknowledged["actor_name"] as? String == "li [operator override]")
            let instructed = try #require(
                (shown["events"] as? [[String: Any]])?.first { $0["action"] as? String == "instruct" })
            #expect((instructed["details"] as? [String: Any])?["circulated_to"] as? String == "分管局领导、基金监督科")
            let retry = try await services.json([
                "file", "--number", "12333-20261127-0001", "--urgency", "normal", "--kind", "complaint", "--topic",
                "pension",
                "--content", "退休人员养老金本月未按时发放，请核实。", "--caller-name", "李四", "--caller-phone", "13987654321",
            ])
            #expect(retry["created"] as? Bool == false)
        } catch {
            await intake.stop()
            await routing.stop()
            throw error
        }
        await intake.stop()
        await routing.stop()
    }

    /// A caller's words that a terminal would obey (clear the screen, colour, retitle the window,
    /// return the cursor, reverse the line) are shown as escapes, never written raw; JSON is exact.
    @Test func hostileContentReachesTheTerminalEscaped() async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-hostile-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let routing = try await ServiceProcess.launch(
            "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": dataDirectory])
        let intake = try await Self.launchIntake(dataDirectory: dataDirectory, routingPort: routing.port)
        let services = Services(intake: intake, routing: routing, dataDirectory: dataDirectory)
        let hostile = "工资被拖欠\u{1B}[2J\u{1B}[31m红字\u{1B}]0;标题\u{07}\r覆盖\u{202E}倒序\u{9B}"
        do {
            let filed = try await services.json([
                "file", "--number", "12333-HOSTILE-1", "--kind", "complaint", "--topic", "wage_arrears",
                "--content", hostile, "--caller-phone", "13987654321",
            ])
            let id = try #require((filed["order"] as? [String: Any])?["id"] as? String)
            let shown = try await services.ctl(["show", id])
            #expect(shown.status == 0, "\(shown.standardError)")
            let unsafe: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\r", "\u{202E}", "\u{9B}"]
            #expect(!shown.standardOutput.unicodeScalars.contains { unsafe.contains($0) })
            #expect(
                shown.standardOutput.contains(
                    "工资被拖欠\\u001B[2J\\u001B[31m红字\\u001B]0;标题\\u0007\\u000D覆盖\\u202E倒序\\u009B"))
            let json = try await services.json(["show", id])
            #expect((json["order"] as? [String: Any])?["content"] as? String == hostile)
        } catch {
            await intake.stop()
            await routing.stop()
            throw error
        }
        await intake.stop()
        await routing.stop()
    }
}
