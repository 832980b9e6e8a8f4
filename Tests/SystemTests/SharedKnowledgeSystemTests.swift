import Foundation
import PlatformAdapter
import TestSupport
import Testing

/// The knowledge base shared with 12345 with real processes on 127.0.0.1: an
/// article the administrator adds while the gateway is down reaches the platform once it is back,
/// its change and retirement after it, in order; the platform's own article is stored read-only,
/// found by staff with its source, refused to edit, idempotent on a re-push, and never sent back.
@Suite("System: the knowledge base shared with 12345", .timeLimit(.minutes(3)))
struct SharedKnowledgeSystemTests {
    typealias Stack = CoordinationSystemTests.Stack
    static let admin = ["--as", "administrator:admin"]

    @Test func theBureausArticlesReachThePlatformAfterAnOutageAndThePlatformsAreSharedReadOnly() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("suban-kb-share-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        var stack = Stack()
        var simulator: ChildProcess?
        do {
            let (gatewayPort, httpPort, simulatorPort) = (
                try await SystemTestPorts.free(), try await SystemTestPorts.free(), try await SystemTestPorts.free()
            )
            let routing = try await stack.launch("routing", ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": data])
            let intake = try await stack.launch(
                "intake",
                [
                    "SUBAN_INTAKE_PORT": "0", "SUBAN_DATA_DIR": data, "SUBAN_ROUTING_PORT": "\(routing)",
                    "SUBAN_GATEWAY_PORT": "\(gatewayPort)",
                    "SUBAN_SLA_PORT": "1",
                ])

            // The gateway is down: the administrator's article waits in intake's outbox.
            let added = try await stack.ctl(
                ["kb", "add", "--question", "单位拖欠工资怎么办？", "--answer", "可向劳动保障监察机构投诉。", "--tag", "欠薪"] + Self.admin)
            let id = try #require(
                added.standardOutput.split(separator: " ").dropFirst().first.map(String.init), "\(added.standardOutput)"
            )
            #expect(added.standardOutput.hasPrefix("stored KB-") && added.standardOutput.contains("version 1"))

            _ = try await stack.launch(
                "gateway",
                [
                    "SUBAN_GATEWAY_PORT": "\(gatewayPort)", "SUBAN_GATEWAY_HTTP_PORT": "\(httpPort)",
                    "SUBAN_DATA_DIR": data,
                    "SUBAN_INTAKE_PORT": "\(intake)", "SUBAN_ROUTING_PORT": "\(routing)",
                    "SUBAN_GATEWAY_PLATFORM_KEYS": "platform-sim:platform-sim-secret-0001",
                    "SUBAN_GATEWAY_PLATFORM_URL": "http://127.0.0.1:\(simulatorPort)",
                    "SUBAN_GATEWAY_OUTBOUND_KEY": PlatformSimulatorSystemTests.inboundKey,
                    "SUBAN_GATEWAY_OUTBOUND_SECRET": PlatformSimulatorSystemTests.inboundSecret,
                    "SUBAN_GATEWAY_RETRY_INITIAL_MS": "100",
                ])
            let (serving, _) = try await PlatformSimulatorSystemTests.serve(
                gateway: "http://127.0.0.1:\(httpPort)", port: simulatorPort)
            simulator = serving
            try await CoordinationSystemTests.waitUntil("the article published once the gateway is back", within: 30) {
                serving.printed.first { $0.hasPrefix("received article_published for \(id) message=\(id)/1 ") } != nil
            }

            // Changed, then retired: the platform hears both, after the first, in order.
            let changed = try await stack.ctl(
                ["kb", "add", "--id", id, "--question", "单位拖欠工资怎么办？", "--answer", "可投诉，也可申请劳动争议仲裁。", "--tag", "欠薪"]
                    + Self.admin)
            #expect(changed.standardOutput.contains("version 2"))
            _ = try await stack.ctl(["kb", "retire", id, "--reason", "政策已调整"] + Self.admin)
            try await CoordinationSystemTests.waitUntil("the retirement") {
                serving.printed.first { $0.hasPrefix("received article_retired for \(id) ") } != nil
            }
            let articles =
                try PlatformSimulatorSystemTests.get("/sim/articles", port: simulatorPort)["received"]?.arrayValue ?? []
            #expect(articles.compactMap { $0["message_id"]?.stringValue } == ["\(id)/1", "\(id)/2", "\(id)/3"])
            #expect(articles.dropFirst().first?["body"]?["answer"]?.stringValue == "可投诉，也可申请劳动争议仲裁。")
            #expect(articles.allSatisfy { $0["duplicate"]?.boolValue == false })

            // The platform shares an article of its own.
            let push = [
                "push-article", "--gateway", "http://127.0.0.1:\(httpPort)", "--app-key", "platform-sim", "--secret",
                "platform-sim-secret-0001",
                "--id", "KA-SYS-1", "--question", "灵活就业人员如何参加养老保险？", "--answer", "持身份证到户籍地社保经办机构登记缴费。",
                "--basis", "《社会保险法》第十条", "--tag", "灵活就业",
            ]
            let pushed = try await runCommand("suban-platform-simulator", push)
            #expect(
                pushed.status == 0 && pushed.standardOutput.contains("→ 201 accepted"),
                "\(pushed.standardOutput)\(pushed.standardError)")
            let repushed = try await runCommand("suban-platform-simulator", push)
            #expect(
                repushed.status == 0 && repushed.standardOutput.contains("→ 200 duplicate"),
                "\(repushed.standardOutput)")

            let search = try await stack.ctl([
                "kb", "search", "灵活就业 养老保险", "--output", "json", "--as", "bureau_desk:wang@office",
            ])
            let hits = try #require(
                try JSONSerialization.jsonObject(with: Data(search.standardOutput.utf8)) as? [[String: Any]])
            #expect(
                hits.first?["id"] as? String == "12345:KA-SYS-1" && hits.first?["source"] as? String == "12345",
                "\(hits)")
            let table = try await stack.ctl(["kb", "search", "灵活就业", "--as", "bureau_desk:wang@office"]).standardOutput
            #expect(table.contains("SOURCE") && table.contains("12345:KA-SYS-1"), "\(table)")

            // Staff cannot edit or retire it.
            for refused in [
                ["kb", "add", "--id", "12345:KA-SYS-1", "--question", "改", "--answer", "改"],
                ["kb", "retire", "12345:KA-SYS-1"],
            ] {
                let result = try await runCommand("subanctl", refused + Self.admin + stack.addresses)
                #expect(
                    result.status != 0 && result.standardError.contains("只读"), "\(refused): \(result.standardError)")
            }
            // Never handed back to the platform: it heard the bureau's three messages only.
            let counts = try PlatformSimulatorSystemTests.get("/control/received", port: simulatorPort)
            #expect(counts["kinds"]?["article_published"]?["received"]?.integerValue == 2)
            #expect(counts["kinds"]?["article_retired"]?["received"]?.integerValue == 1)
            #expect(serving.printed.first { $0.contains("KA-SYS-1") && $0.hasPrefix("received") } == nil)
        } catch {
            simulator?.terminate()
            await stack.stop()
            throw error
        }
        simulator?.terminate()
        await stack.stop()
    }
}
