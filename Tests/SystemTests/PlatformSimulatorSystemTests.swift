import Domain
import Foundation
import PlatformAdapter
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The platform simulator as a platform: it retries pushes the gateway did not answer and reports
/// what it could not deliver; it counts what the gateway delivered by message id; and its extension
/// decisions are valid also for orders it did not push itself.
@Suite("System: the platform simulator", .timeLimit(.minutes(3)))
struct PlatformSimulatorSystemTests {
    typealias Stack = CoordinationSystemTests.Stack
    static let inboundKey = "bureau-sim"
    static let inboundSecret = "bureau-sim-secret-000001"

    @Test func loadRetriesAnUnansweredPushAndReportsWhatItCouldNotDeliver() async throws {
        // Nothing listens on the port: every attempt is a refused connection.
        let port = try await SystemTestPorts.free()
        let result = try await runCommand(
            "suban-platform-simulator",
            [
                "load", "--count", "2", "--rate", "50", "--gateway", "http://127.0.0.1:\(port)", "--app-key",
                "platform-sim",
                "--secret", "platform-sim-secret-0001", "--attempts", "3", "--retry-initial-ms", "10", "--retry-max-ms",
                "20",
            ])
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(
            lines.contains("load: orders pushed 2, accepted 0, duplicate 0, retried 4, refused 0, undelivered 2"),
            "\(lines.suffix(4))")
        #expect(
            lines.count { $0.hasPrefix("load: undelivered order ") && $0.contains("after 3 attempt(s): 0 unreachable") }
                == 2)
    }

    @Test func serveCountsTheGatewaysMessagesByMessageID() async throws {
        let (simulator, port) = try await Self.serve(
            gateway: "http://127.0.0.1:\(try await SystemTestPorts.free())")
        defer { simulator.terminate() }
        for (kind, id) in [
            ("acknowledgement", "WO-1/2"), ("acknowledgement", "WO-1/2"), ("progress", "WO-1/4"),
            ("acknowledgement", "WO-2/2"),
        ] {
            let status = try await Self.deliver(
                kind, ["message_id": .string(id), "type": .string(kind)], order: "SIMCOUNT1", to: port)
            #expect(status == 200)
        }
        let counts = try Self.get("/control/received", port: port)
        #expect(counts["received"]?.integerValue == 4 && counts["unique"]?.integerValue == 3)
        #expect(counts["kinds"]?["acknowledgement"]?["received"]?.integerValue == 3)
        #expect(counts["kinds"]?["acknowledgement"]?["duplicates"]?.integerValue == 1)
        #expect(counts["kinds"]?["progress"]?["unique"]?.integerValue == 1)
        let duplicates = counts["duplicates"]?.arrayValue ?? []
        #expect(
            duplicates.count == 1 && duplicates.first?["message_id"]?.stringValue == "WO-1/2"
                && duplicates.first?["times"]?.integerValue == 2)
        #expect(duplicates.first?["received_at_ms"]?.arrayValue?.count == 2)
        #expect(
            simulator.printed.first { $0.hasPrefix("received DUPLICATE acknowledgement for SIMCOUNT1 message=WO-1/2") }
                != nil)
    }

    @Test func anExtensionOfAnOrderItDidNotPushIsGrantedFromTheRequestDate() async throws {
        let (simulator, port) = try await Self.serve(
            gateway: "http://127.0.0.1:\(try await SystemTestPorts.free())")
        defer { simulator.terminate() }
        let status = try await Self.deliver(
            "extension-request",
            [
                "message_id": "WO-9/6", "type": "extension_request", "occurred_at": "2026-12-07T10:00:00+08:00",
                "days": 10,
                "reason": "需调取企业工资记录", "legal_basis": "《劳动保障监察条例》第十七条",
            ], order: "SIMEXT1", to: port)
        #expect(status == 200)
        // One month from the request day (2027-01-07, a Thursday), to its 24:00: never "now + 7 days".
        try await CoordinationSystemTests.waitUntil("the decision") {
            simulator.printed.first { $0.hasPrefix("granting extension of SIMEXT1") } != nil
        }
        #expect(
            simulator.printed.first { $0.hasPrefix("granting extension of SIMEXT1") }
                == "granting extension of SIMEXT1: 10 working days → 2027-01-08T00:00:00+08:00 (from the request date)")
    }

    /// The fault this fixes: a `serve` process granted "now + 7 days" for orders another process
    /// pushed, which the gateway refused with 422. Here a `load` process pushes the order, staff
    /// request an extension with subanctl, and the serving simulator's decision is applied.
    @Test func anExtensionOfAnOrderAnotherProcessPushedIsApplied() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("suban-simulator-ext-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        var stack = Stack()
        var simulator: ChildProcess?
        do {
            let (intakePort, httpPort, simulatorPort) = (
                try await SystemTestPorts.free(), try await SystemTestPorts.free(), try await SystemTestPorts.free()
            )
            let routing = try await stack.launch("routing", ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": data])
            let sla = try await stack.launch(
                "sla", ["SUBAN_SLA_PORT": "0", "SUBAN_DATA_DIR": data, "SUBAN_INTAKE_PORT": "\(intakePort)"])
            let gateway = try await stack.launch(
                "gateway",
                [
                    "SUBAN_GATEWAY_PORT": "0", "SUBAN_GATEWAY_HTTP_PORT": "\(httpPort)", "SUBAN_DATA_DIR": data,
                    "SUBAN_INTAKE_PORT": "\(intakePort)",
                    "SUBAN_ROUTING_PORT": "\(routing)",
                    "SUBAN_GATEWAY_PLATFORM_KEYS": "platform-sim:platform-sim-secret-0001",
                    "SUBAN_GATEWAY_PLATFORM_URL": "http://127.0.0.1:\(simulatorPort)",
                    "SUBAN_GATEWAY_OUTBOUND_KEY": Self.inboundKey,
                    "SUBAN_GATEWAY_OUTBOUND_SECRET": Self.inboundSecret, "SUBAN_GATEWAY_RETRY_INITIAL_MS": "100",
                ])
            _ = try await stack.launch(
                "intake",
                [
                    "SUBAN_DATA_DIR": data, "SUBAN_INTAKE_PORT": "\(intakePort)", "SUBAN_ROUTING_PORT": "\(routing)",
                    "SUBAN_GATEWAY_PORT": "\(gateway)", "SUBAN_SLA_PORT": "\(sla)",
                ])
            let (serving, _) = try await Self.serve(
                gateway: "http://127.0.0.1:\(httpPort)", port: simulatorPort)
            simulator = serving
            let load = try await runCommand(
                "suban-platform-simulator",
                [
                    "load", "--count", "1", "--gateway", "http://127.0.0.1:\(httpPort)", "--app-key", "platform-sim",
                    "--secret", "platform-sim-secret-0001",
                ])
            let pushed = try #require(
                load.standardOutput.split(separator: "\n").first { $0.hasPrefix("pushed order ") },
                "\(load.standardOutput)")
            let number = String(pushed.split(separator: " ")[2])
            let order = "hotline_12345:\(number)"
            try await CoordinationSystemTests.waitUntil("the order routed") {
                (try await stack.json(["show", order])["order"] as? [String: Any])?["state"] as? String
                    == "assigned_pending_ack"
            }
            let view = try #require(try await stack.json(["show", order])["order"] as? [String: Any])
            let unit = try #require((view["responsible_units"] as? [String])?.first)
            for step in [
                ["acknowledge", order, "--as", "liaison:li@\(unit)"],
                ["instruct", order, "--as", "unit_leader:zhao@\(unit)", "--opinion", "请核实"],
                ["start", order, "--as", "liaison:li@\(unit)"],
                [
                    "request-extension", order, "--as", "liaison:li@\(unit)", "--days", "5", "--reason", "需调取记录",
                    "--basis", "《劳动保障监察条例》第十七条",
                ],
            ] {
                _ = try await stack.ctl(step)
            }
            try await CoordinationSystemTests.waitUntil("the extension decision", within: 30) {
                serving.printed.first { $0.hasPrefix("pushed extension_decision ") && $0.contains("on \(number) ") }
                    != nil
            }
            let decision =
                serving.printed.first { $0.hasPrefix("pushed extension_decision ") && $0.contains("on \(number) ") }
                ?? ""
            #expect(decision.contains("→ 200 applied"), "\(decision)")
            #expect(
                serving.printed.first { $0.hasPrefix("granting extension of \(number)") }?.hasSuffix(
                    "(from the request date)")
                    == true)

            // One decision, one deadline: SLA's handling clock moves to the deadline intake holds,
            // and `show` prints each deadline with how it was counted.
            try await CoordinationSystemTests.waitUntil("SLA's clock at the granted deadline") {
                let shown = try await stack.json(["show", order])
                let granted =
                    ((shown["order"] as? [String: Any])?["handling_deadline_unix_ms"] as? NSNumber)?.int64Value ?? -1
                let handling = (shown["clocks"] as? [[String: Any]])?.first {
                    $0["kind"] as? String == "handling" && $0["state"] as? String != "stopped"
                }
                return handling?["due"] as? String
                    == ShanghaiTime.iso8601(Date(timeIntervalSince1970: Double(granted) / 1000))
            }
            let table = try await stack.ctl(["show", order]).standardOutput
            #expect(table.contains("deadlines:") && table.contains("签收时限") && table.contains("办理时限"), "\(table)")
            #expect(table.contains("rule 4 小时") || table.contains("rule 30 分钟"), "\(table)")
        } catch {
            simulator?.terminate()
            await stack.stop()
            throw error
        }
        simulator?.terminate()
        await stack.stop()
    }

    /// `serve` on `port`, or on a port the simulator picks itself when nil (read back from its
    /// ready line, so that no other test can take it between choosing and binding), its pushes
    /// going to `gateway` with one attempt each.
    static func serve(gateway: String, port: Int? = nil) async throws -> (ChildProcess, Int) {
        let simulator = try await ChildProcess.launch(
            "suban-platform-simulator", arguments: ["serve", "--attempts", "1", "--timeout-ms", "2000"],
            environment: [
                "SUBAN_SIMULATOR_GATEWAY_URL": gateway, "SUBAN_SIMULATOR_APP_KEY": "platform-sim",
                "SUBAN_SIMULATOR_SECRET": "platform-sim-secret-0001",
                "SUBAN_SIMULATOR_INBOUND_KEYS": "\(inboundKey):\(inboundSecret)",
                "SUBAN_SIMULATOR_HTTP_PORT": "\(port ?? 0)",
            ])
        do {
            return (simulator, try await simulator.port(after: "simulator-ready "))
        } catch {
            await simulator.stop()
            throw error
        }
    }

    /// Delivers a message of `kind` (its path segment) as the gateway does: signed with the outbound key.
    static func deliver(_ kind: String, _ fields: [String: JSONValue], order: String, to port: Int) async throws -> Int
    {
        var body = fields
        body["order_no"] = .string(order)
        body["occurred_at"] = body["occurred_at"] ?? "2026-12-04T10:00:00+08:00"
        body["operator"] = "li"
        let response = try await HTTPPostClient().postSigned(
            to: HTTPEndpoint(host: "127.0.0.1", port: port), path: "/orders/\(order)/\(kind)",
            body: JSONValue.object(body).encoded(),
            appKey: inboundKey, secret: inboundSecret)
        return response.status
    }

    static func get(_ path: String, port: Int) throws -> JSONValue {
        let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        return try #require(JSONValue.parse(Array(data)))
    }
}
