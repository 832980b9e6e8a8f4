import Foundation
import NIOCore
import NIOPosix
import PlatformAdapter
import RPC
import TestSupport
import Testing
import WireProtocol

/// Real processes on 127.0.0.1 driven only through `subanctl`: a joint-handling order (即时协办) gets a coordination
/// case, a meeting of its two units, two action items whose clocks the SLA service keeps and fires, both done, and
/// a compiled reply that intake holds as the lead unit's draft; with the gateway and the platform simulator, the
/// reviewed reply reaches the platform.
@Suite("System: a joint-handling order coordinated with subanctl", .timeLimit(.minutes(3)))
struct CoordinationSystemTests {
    /// The running processes and the addresses subanctl is given.
    struct Stack {
        var processes: [(String, ServiceProcess)] = []
        var addresses: [String] = []

        mutating func launch(_ service: String, _ environment: [String: String]) async throws -> Int {
            let process = try await ServiceProcess.launch("suban-\(service)", environment: environment)
            processes.append((service, process))
            addresses += ["--address", "\(service)=127.0.0.1:\(process.port)"]
            return process.port
        }

        func ctl(_ arguments: [String]) async throws -> CommandResult {
            let result = try await runCommand("subanctl", arguments + addresses)
            #expect(
                result.status == 0, "subanctl \(arguments.prefix(3).joined(separator: " ")): \(result.standardError)")
            return result
        }

        func json(_ arguments: [String]) async throws -> [String: Any] {
            let result = try await ctl(arguments + ["--output", "json"])
            return try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        }

        func stop() async {
            for (_, process) in processes.reversed() { await process.stop() }
        }
    }

    /// The shipped profile with an early warning on action items (1 % into the span), so that a clock started for a
    /// meeting held yesterday warns at once.
    static let policies = #"""
        {"profile": "coordination-system-test", "policies": [
          {"name": "acknowledge", "kind": "acknowledge", "due": {"minutes": 240}},
          {"name": "handling", "kind": "handling", "due": {"workingDays": 13}},
          {"name": "green.same_day", "kind": "green_same_day", "due": {"sameDay": true}},
          {"name": "green.complex", "kind": "green_complex", "due": {"workingDays": 7}},
          {"name": "green.difficult", "kind": "green_difficult", "due": {"workingDays": 15}},
          {"name": "action_item", "kind": "action_item", "due": {"workingDays": 5},
           "warnings": [{"fractionOfSpan": 0.01}, {"fractionOfSpan": 0.8}], "reminders": {"everyMinutes": 1440}}],
         "extension": {"capMonths": 1, "kinds": ["handling"]}}
        """#

    @Test func aJointHandlingOrderIsCoordinatedToItsDraftReplyWithClocksInTheSLAService() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("suban-coordination-\(UUID())").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        try Self.policies.write(toFile: data + "/policies.json", atomically: true, encoding: .utf8)
        var stack = Stack()
        do {
            let routing = try await stack.launch("routing", ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": data])
            let intakePort = try await SystemTestPorts.free()
            let sla = try await stack.launch(
                "sla",
                [
                    "SUBAN_SLA_PORT": "0", "SUBAN_DATA_DIR": data, "SUBAN_INTAKE_PORT": "\(intakePort)",
                    "SUBAN_SLA_POLICY_FILE": data + "/policies.json",
                ])
            let common = [
                "SUBAN_DATA_DIR": data, "SUBAN_ROUTING_PORT": "\(routing)", "SUBAN_SLA_PORT": "\(sla)",
                "SUBAN_GATEWAY_PORT": "1",
            ]
            _ = try await stack.launch("intake", common.merging(["SUBAN_INTAKE_PORT": "\(intakePort)"]) { $1 })
            _ = try await stack.launch(
                "coordination",
                common.merging(["SUBAN_COORDINATION_PORT": "0", "SUBAN_INTAKE_PORT": "\(intakePort)"]) { $1 })

            let filed = try await stack.json([
                "file", "--number", "12333-COORD-0001", "--kind", "complaint", "--topic", "work_injury",
                "--caller-phone", "13987654321",
                "--content", "来电人在单位受工伤后被解除劳动合同，工伤待遇未落实，又无法申领失业保险金，请求协调解决。",
            ])
            let order = try #require(filed["order"] as? [String: Any])
            let id = try #require(order["id"] as? String)
            #expect(order["handling_mode"] as? String == "joint_handling")
            let units = try #require(order["responsible_units"] as? [String])
            try #require(units.count == 2)

            let slaClient = makeTestClient(port: sla, credentials: TestIdentity.credentials(TestIdentity.desk))
            let outcome = try await Self.coordinate(
                id, units: units, meetingStart: Date().addingTimeInterval(-23 * 3600), stack: stack
            ) { items in
                // Each item has its clock in the SLA service, due when the item is; the early warning fires.
                for item in items {
                    let itemID = try #require(item["id"] as? String)
                    func itemClock() async throws -> Wire.Clock? {
                        try await slaClient.call(
                            "sla.list_clocks", Wire.ListClocksRequest(orderId: id), as: Wire.ListClocksResponse.self
                        )
                        .clocks.first { $0.id == itemID }
                    }
                    try await Self.waitUntil("the warning of \(itemID)") {
                        try await itemClock()?.warningsSent ?? 0 >= 1
                    }
                    let clock = try #require(try await itemClock())
                    #expect(
                        clock.kind == "action_item" && clock.state == "running"
                            && clock.unit == item["owner_unit"] as? String)
                    #expect(clock.dueUnixMs == (item["due_unix_ms"] as? NSNumber)?.int64Value)
                }
            }
            // Done items stopped their clocks.
            let clocks = try await slaClient.call(
                "sla.list_clocks", Wire.ListClocksRequest(orderId: id), as: Wire.ListClocksResponse.self
            ).clocks
            for itemID in outcome.itemIDs {
                let clock = clocks.first { $0.id == itemID }
                #expect(clock?.state == "stopped" && clock?.stopReason == "done")
            }
            await slaClient.shutdown()
            // The compiled text is intake's draft reply, by the lead unit's liaison.
            try await Self.waitUntil("the draft reply in intake") {
                let shown = try await stack.json(["show", id])
                return (shown["order"] as? [String: Any])?["state"] as? String == "reply_drafted"
            }
            let shown = try await stack.json(["show", id])
            #expect((shown["order"] as? [String: Any])?["reply_text"] as? String == outcome.text)
            let draft = (shown["events"] as? [[String: Any]])?.last
            #expect(
                draft?["action"] as? String == "draft_reply" && draft?["unit"] as? String == units[0]
                    && draft?["role"] as? String == "liaison")
            try await Self.waitUntil("the delivery shown on the case") {
                try await stack.json(["case", "show", outcome.caseID])["case"].flatMap {
                    ($0 as? [String: Any])?["reply_delivery"] as? String
                } == "delivered"
            }
            let listed = try await stack.json(["case", "list", "--unit", units[1]])
            #expect((listed["cases"] as? [[String: Any]])?.compactMap { $0["state"] as? String } == ["compiled"])
        } catch {
            await stack.stop()
            throw error
        }
        for (service, process) in stack.processes.reversed() {
            #expect(await process.stop() == 0, "\(service) did not shut down cleanly")
        }
    }

    @Test func theReviewedReplyReachesThePlatformSimulator() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("suban-coordination-edge-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        var stack = Stack()
        var simulator: ChildProcess?
        do {
            let routing = try await stack.launch("routing", ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": data])
            let (intakePort, httpPort, simulatorPort) = (
                try await SystemTestPorts.free(), try await SystemTestPorts.free(), try await SystemTestPorts.free()
            )
            let gateway = try await stack.launch(
                "gateway",
                [
                    "SUBAN_GATEWAY_PORT": "0", "SUBAN_GATEWAY_HTTP_PORT": "\(httpPort)", "SUBAN_DATA_DIR": data,
                    "SUBAN_INTAKE_PORT": "\(intakePort)",
                    "SUBAN_ROUTING_PORT": "\(routing)",
                    "SUBAN_GATEWAY_PLATFORM_KEYS": "platform-coord:platform-coord-secret-0001",
                    "SUBAN_GATEWAY_PLATFORM_URL": "http://127.0.0.1:\(simulatorPort)",
                    "SUBAN_GATEWAY_OUTBOUND_KEY": "bureau-coord",
                    "SUBAN_GATEWAY_OUTBOUND_SECRET": "bureau-coord-secret-00001",
                    "SUBAN_GATEWAY_RETRY_INITIAL_MS": "100",
                ])
            let common = [
                "SUBAN_DATA_DIR": data, "SUBAN_ROUTING_PORT": "\(routing)", "SUBAN_GATEWAY_PORT": "\(gateway)",
                "SUBAN_SLA_PORT": "1",
            ]
            _ = try await stack.launch("intake", common.merging(["SUBAN_INTAKE_PORT": "\(intakePort)"]) { $1 })
            _ = try await stack.launch(
                "coordination",
                common.merging(["SUBAN_COORDINATION_PORT": "0", "SUBAN_INTAKE_PORT": "\(intakePort)"]) { $1 })
            let serving = try await ChildProcess.launch(
                "suban-platform-simulator", arguments: ["serve"],
                environment: [
                    "SUBAN_SIMULATOR_GATEWAY_URL": "http://127.0.0.1:\(httpPort)",
                    "SUBAN_SIMULATOR_APP_KEY": "platform-coord",
                    "SUBAN_SIMULATOR_SECRET": "platform-coord-secret-0001",
                    "SUBAN_SIMULATOR_INBOUND_KEYS": "bureau-coord:bureau-coord-secret-00001",
                    "SUBAN_SIMULATOR_HTTP_PORT": "\(simulatorPort)",
                ])
            simulator = serving
            _ = try await serving.port(after: "simulator-ready ")

            // The platform dispatches an employment order; its keywords bring in further units: joint handling.
            let number = "SYSCO\(Int.random(in: 100_000...999_999))"
            try await Self.waitUntil("the order pushed through the gateway") {
                let push = try await HTTPPostClient().post(
                    to: HTTPEndpoint(host: "127.0.0.1", port: simulatorPort), target: "/sim/orders", headers: [],
                    body: Array(#"{"urgency":"normal","topic":"employment","order_no":"\#(number)"}"#.utf8))
                return [200, 201].contains(JSONValue.parse(push.body)?["gateway_status"]?.integerValue)
            }
            let order = "hotline_12345:\(number)"
            let view = try #require(try await stack.json(["show", order])["order"] as? [String: Any])
            #expect(view["handling_mode"] as? String == "joint_handling")
            let units = try #require(view["responsible_units"] as? [String])
            try #require(units.count >= 2)
            let outcome = try await Self.coordinate(
                order, units: units, meetingStart: Date().addingTimeInterval(-600), stack: stack)

            _ = try await stack.ctl(["review", order, "--as", "bureau_desk:wang@office", "--approve"])
            _ = try await stack.ctl(["send", order, "--as", "bureau_desk:wang@office"])
            try await Self.waitUntil("the reply at the platform") {
                serving.printed.first { $0.hasPrefix("received reply for \(number)") } != nil
            }
            let reply = try #require(serving.printed.first { $0.hasPrefix("received reply for \(number)") })
            #expect(reply.contains("result=solved text=\(outcome.text.prefix(40))"), "\(reply)")
        } catch {
            await simulator?.stop()
            await stack.stop()
            throw error
        }
        await simulator?.stop()
        await stack.stop()
    }

    /// What a coordination produced.
    struct Outcome {
        var caseID: String
        var itemIDs: [String]
        var text: String
    }

    /// Opens the case of in-progress-able order `id`, holds a meeting of its two units at `meetingStart`, gives each
    /// unit an item, lets `checkItems` look at them, completes them and compiles the reply as the lead's liaison.
    static func coordinate(
        _ id: String,
        units: [String],
        meetingStart: Date,
        stack: Stack,
        checkItems: ([[String: Any]]) async throws -> Void = { _ in }
    ) async throws -> Outcome {
        let (lead, partner) = (units[0], units[1])
        for step in [
            ["acknowledge", id, "--as", "liaison:li@\(lead)"],
            ["instruct", id, "--as", "unit_leader:zhao@\(lead)", "--opinion", "请牵头召开协调会"],
            ["start", id, "--as", "liaison:li@\(lead)"],
        ] {
            _ = try await stack.ctl(step)
        }
        let opened = try await stack.json([
            "case", "open", id, "--as", "deputy_leader:qian", "--coordinator", "张协调", "--leader", "分管局长",
            "--instruction", "请\(lead)牵头，\(partner)配合，召开协调会研究解决。",
        ])
        let caseID = try #require((opened["case"] as? [String: Any])?["id"] as? String)
        let scheduled = try await stack.json([
            "meeting", "schedule", caseID, "--as", "bureau_desk:wang@office", "--start", Self.shanghai(meetingStart),
            "--duration", "90",
            "--place", "局三楼会议室", "--agenda", "研究诉求人待遇衔接问题", "--invite", partner,
        ])
        let meeting = try #require((scheduled["meeting"] as? [String: Any])?["id"] as? String)
        #expect((scheduled["meeting"] as? [String: Any])?["invited_units"] as? [String] == [lead, partner])
        _ = try await stack.ctl([
            "meeting", "attend", meeting, "--as", "bureau_desk:wang@office", "--present", "\(lead)=陈科长", "--present",
            "\(partner)=刘主任",
        ])
        _ = try await stack.ctl([
            "meeting", "minutes", meeting, "--as", "bureau_desk:wang@office", "--text", "两单位就待遇衔接达成一致",
            "--decision", "\(lead)先行核定并支付相关待遇", "--decision", "\(partner)同步办理登记手续",
        ])
        var items: [[String: Any]] = []
        for (owner, what, days) in [(lead, "核定并支付相关待遇", "5"), (partner, "办理登记手续", "3")] {
            let added = try await stack.json([
                "action", "add", meeting, "--as", "bureau_desk:wang@office", "--owner", owner, "--what", what, "--days",
                days,
            ])
            items.append(try #require(added["action_item"] as? [String: Any]))
        }
        try await checkItems(items)
        let itemIDs = items.compactMap { $0["id"] as? String }
        for (itemID, owner) in zip(itemIDs, [lead, partner]) {
            _ = try await stack.ctl(["action", "done", itemID, "--as", "liaison:li@\(owner)", "--outcome", "已办结"])
        }
        let compiled = try await stack.json([
            "case", "compile", caseID, "--as", "liaison:li@\(lead)", "--result", "solved", "--summary",
            "诉求人反映的问题已协调解决。",
        ])
        #expect((compiled["case"] as? [String: Any])?["state"] as? String == "compiled")
        let text = try #require(compiled["text"] as? String)
        #expect(text.contains("一、协调会议定事项") && text.contains("二、事项落实情况"))
        return Outcome(caseID: caseID, itemIDs: itemIDs, text: text)
    }

    /// `YYYY-MM-DD HH:MM` in Asia/Shanghai, as staff type it.
    static func shanghai(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func waitUntil(_ what: String, within seconds: Int = 20, _ condition: () async throws -> Bool) async throws {
        if try await !eventually(within: seconds, condition) { Issue.record("waited in vain for \(what)") }
    }

}
