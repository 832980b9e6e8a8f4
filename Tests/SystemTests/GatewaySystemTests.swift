import Foundation
import NIOCore
import NIOPosix
import PlatformAdapter
import RPC
import Synchronization
import TestSupport
import Testing
import WireProtocol

/// The 12345 edge end to end with real processes on 127.0.0.1: the platform simulator pushes an
/// urgent order through the gateway, staff act with subanctl, the simulator receives the
/// acknowledgement and the reply, reviews it and reports the callback, and the order closes.
@Suite("System: the 12345 platform edge")
struct GatewaySystemTests {
    static let pushKey = "platform-system"
    static let pushSecret = "platform-system-secret-01"
    static let outboundKey = "bureau-system"
    static let outboundSecret = "bureau-system-secret-0001"

    @Test func anUrgentOrderGoesFromPushToClosedThroughThePlatformAdapter() async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-edge-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        var running: [ChildProcess] = []
        var routing: ServiceProcess?
        do {
            let intakePort = try await SystemTestPorts.free()
            let simulatorPort = try await SystemTestPorts.free()
            let routingProcess = try await ServiceProcess.launch(
                "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": dataDirectory])
            routing = routingProcess
            let routingPort = routingProcess.port
            let gateway = try await ChildProcess.launch(
                "suban-gateway",
                environment: [
                    "SUBAN_GATEWAY_PORT": "0", "SUBAN_GATEWAY_HTTP_PORT": "0", "SUBAN_DATA_DIR": dataDirectory,
                    "SUBAN_INTAKE_PORT": "\(intakePort)", "SUBAN_ROUTING_PORT": "\(routingPort)",
                    "SUBAN_GATEWAY_PLATFORM_KEYS": "\(Self.pushKey):\(Self.pushSecret)",
                    "SUBAN_GATEWAY_PLATFORM_URL": "http://127.0.0.1:\(simulatorPort)",
                    "SUBAN_GATEWAY_OUTBOUND_KEY": Self.outboundKey,
                    "SUBAN_GATEWAY_OUTBOUND_SECRET": Self.outboundSecret,
                    "SUBAN_GATEWAY_RETRY_INITIAL_MS": "100",
                ])
            running.append(gateway)
            let gatewayPort = try await gateway.port(after: "ready ")
            let httpPort = try await gateway.port(after: "http-ready ")
            let intake = try await ChildProcess.launch(
                "suban-intake",
                environment: [
                    "SUBAN_INTAKE_PORT": "\(intakePort)", "SUBAN_DATA_DIR": dataDirectory,
                    "SUBAN_ROUTING_PORT": "\(routingPort)",
                    "SUBAN_GATEWAY_PORT": "\(gatewayPort)", "SUBAN_SLA_PORT": "1",  // no SLA here: clock commands wait in intake's outbox
                ])
            running.append(intake)
            _ = try await intake.port(after: "ready ")
            let simulator = try await ChildProcess.launch(
                "suban-platform-simulator", arguments: ["serve"],
                environment: [
                    "SUBAN_SIMULATOR_GATEWAY_URL": "http://127.0.0.1:\(httpPort)",
                    "SUBAN_SIMULATOR_APP_KEY": Self.pushKey,
                    "SUBAN_SIMULATOR_SECRET": Self.pushSecret,
                    "SUBAN_SIMULATOR_INBOUND_KEYS": "\(Self.outboundKey):\(Self.outboundSecret)",
                    "SUBAN_SIMULATOR_HTTP_PORT": "\(simulatorPort)",
                ])
            running.append(simulator)
            _ = try await simulator.port(after: "simulator-ready ")

            // The simulator pushes an urgent order.
            let number = "SYS\(Int.random(in: 100_000...999_999))"
            let push = try await HTTPPostClient().post(
                to: HTTPEndpoint(host: "127.0.0.1", port: simulatorPort), target: "/sim/orders", headers: [],
                body: Array(#"{"urgency":"urgent","topic":"pension","order_no":"\#(number)"}"#.utf8))
            let pushed = try #require(JSONValue.parse(push.body))
            #expect(pushed["gateway_status"]?.integerValue == 201, "\(pushed)")

            let addresses = [
                "--address", "intake=127.0.0.1:\(intakePort)", "--address", "routing=127.0.0.1:\(routingPort)",
                "--address", "gateway=127.0.0.1:\(gatewayPort)",
            ]
            func ctl(_ arguments: [String]) async throws -> CommandResult {
                let result = try await runCommand("subanctl", arguments + addresses)
                #expect(result.status == 0, "subanctl \(arguments.joined(separator: " ")): \(result.standardError)")
                return result
            }
            let order = "hotline_12345:\(number)"
            let shown = try await ctl(["show", order, "--output", "json"])
            let view = try #require(JSONValue.parse(Array(shown.standardOutput.utf8))?["order"])
            #expect(view["urgency"]?.stringValue == "urgent")
            let unit = try #require(view["responsible_units"]?.arrayValue?.first?.stringValue)

            // Acknowledged with subanctl; the platform receives the acknowledgement.
            _ = try await ctl(["acknowledge", order, "--as", "liaison:li@\(unit)"])
            _ = await simulator.line { $0.hasPrefix("received acknowledgement for \(number)") }

            // Handled and replied; the platform reviews the reply and reports the callback.
            for step in [
                ["instruct", order, "--as", "deputy_leader:qian@\(unit)", "--opinion", "请立即核实并答复"],
                ["start", order, "--as", "liaison:li@\(unit)"],
                ["reply", order, "--as", "liaison:li@\(unit)", "--text", "经核实，养老金已于今日补发到账。", "--result", "solved"],
                ["review", order, "--as", "bureau_desk:wang@office", "--approve"],
                ["send", order, "--as", "bureau_desk:wang@office"],
            ] {
                _ = try await ctl(step)
            }
            let reply = await simulator.line { $0.hasPrefix("received reply for \(number)") }
            #expect(reply.contains("result=solved"))
            let callback = await simulator.line { $0.hasPrefix("pushed callback") && $0.contains(number) }
            #expect(callback.contains("→ 200") && callback.contains("state=closed"), "\(callback)")

            let closed = try await ctl(["show", order, "--output", "json"])
            let final = try #require(JSONValue.parse(Array(closed.standardOutput.utf8)))
            #expect(final["order"]?["state"]?.stringValue == "closed")
            #expect(final["order"]?["callback_outcome"]?.stringValue == "satisfied")
            let outbox = try await ctl(["outbox", "list", "--state", "delivered", "--output", "json"])
            let kinds =
                JSONValue.parse(Array(outbox.standardOutput.utf8))?.arrayValue?.compactMap {
                    $0["summary"]?.stringValue
                } ?? []
            #expect(Set(kinds) == ["acknowledgement \(number)", "progress \(number)", "reply \(number)"])
            #expect(!simulator.printed.contains { $0.contains("DUPLICATE") })
        } catch {
            for process in running.reversed() { await process.stop() }
            await routing?.stop()
            throw error
        }
        for process in running.reversed() {
            #expect(await process.stop() == 0, "\(process.name) did not shut down cleanly")
        }
        await routing?.stop()
    }

    /// SIGKILL while intake stores an order: the platform's push loses its connection, yet the
    /// gateway's inbox already has the request (kept before it was forwarded), and the retry
    /// after the restart answers 200 with the order intake stored.
    @Test func aGatewayKilledWhileIntakeStoresAnOrderKeptTheRequestAndTheRetryFindsTheOrder() async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-edge-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let intake = HeldIntake()
        try await withTestServer(intake.router) { _, intakePort in
            defer { intake.release.open() }
            let environment = [
                "SUBAN_GATEWAY_PORT": "0", "SUBAN_GATEWAY_HTTP_PORT": "0", "SUBAN_DATA_DIR": dataDirectory,
                "SUBAN_INTAKE_PORT": "\(intakePort)", "SUBAN_ROUTING_PORT": "1",  // no routing: nothing here sends email
                "SUBAN_GATEWAY_PLATFORM_KEYS": "\(Self.pushKey):\(Self.pushSecret)",
            ]
            let number = "KILL\(Int.random(in: 100_000...999_999))"
            let order = Array(
                #"{"order_no":"\#(number)","urgency":"urgent","kind":"complaint","topic":"pension","content":"养老金未按时发放","caller":{"phone":"13812345678"},"dispatched_at":"2026-11-27T09:30:00+08:00"}"#
                    .utf8)

            let killed = try await ChildProcess.launch("suban-gateway", environment: environment)
            let lost: HTTPPostClient.Response?
            do {
                let httpPort = try await killed.port(after: "http-ready ")
                async let answer = try? Self.push(order, to: httpPort)
                await intake.reached.wait()
                await killed.kill()
                lost = await answer
            } catch {
                await killed.kill()
                throw error
            }
            #expect(lost == nil, "the push's connection dropped with the gateway")
            #expect(try await Self.inbox(dataDirectory) == ["forwarding \(number)"])

            let restarted = try await ChildProcess.launch("suban-gateway", environment: environment)
            do {
                let retry = try await Self.push(order, to: restarted.port(after: "http-ready "))
                let json = JSONValue.parse(retry.body)
                #expect(retry.status == 200)
                #expect(json?["order_id"]?.stringValue == HeldIntake.orderID)
                #expect(try await Self.inbox(dataDirectory) == ["forwarding \(number)", "duplicate \(number)"])
            } catch {
                await restarted.stop()
                throw error
            }
            #expect(await restarted.stop() == 0)
        }
    }

    static func push(_ body: [UInt8], to port: Int) async throws -> HTTPPostClient.Response {
        let signature = PlatformSignature.sign(
            method: "POST", target: PlatformAPI.ordersPath, appKey: pushKey, secret: pushSecret,
            timestamp: Int64(Date().timeIntervalSince1970), nonce: PlatformSignature.makeNonce(), body: body)
        return try await HTTPPostClient().post(
            to: HTTPEndpoint(host: "127.0.0.1", port: port), target: PlatformAPI.ordersPath, headers: signature.headers,
            body: body)
    }

    /// The gateway's inbox rows as `outcome order_no`, read with Python's sqlite3 (the test
    /// process has no SQLite of its own).
    static func inbox(_ dataDirectory: String) async throws -> [String] {
        let script =
            "import sqlite3, sys\nfor row in sqlite3.connect(sys.argv[1]).execute('SELECT outcome, order_number FROM inbox ORDER BY id'): print(*row)"
        let result = try await runProgram(
            URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, "\(dataDirectory)/gateway.sqlite"])
        return result.standardOutput.split(separator: "\n").map(String.init)
    }
}

extension GatewaySystemTests {
    /// An intake that stores the first order it gets and then does not answer until the test
    /// ends; an order it has answers at once, as stored before (intake's submit is idempotent).
    final class HeldIntake: Sendable {
        static let orderID = "WO-system-held"
        let reached = Gate()
        let release = Gate()
        private let stored = Mutex<Set<String>>([])

        var router: RPCRouter {
            var router = RPCRouter()
            router.register("intake.submit") { (request: Wire.SubmitOrderRequest, _) -> Wire.SubmitOrderResponse in
                let number = request.draft?.platformOrderNumber ?? ""
                let created = self.stored.withLock { $0.insert(number).inserted }
                if created {
                    self.reached.open()
                    await self.release.wait()
                }
                return Wire.SubmitOrderResponse(
                    order: Wire.WorkOrderView(
                        id: Self.orderID, platformOrderNumber: number, state: "assigned_pending_ack"), created: created)
            }
            return router
        }
    }
}
