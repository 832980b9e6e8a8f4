import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

/// Real routing, SLA and intake processes on the shipped deadline policies: an urgent order that
/// nobody acknowledges within 30 minutes gets a warning, then an overdue event, in its own log.
@Suite("System: the acknowledgement clock of an urgent order")
struct AcknowledgementClockSystemTests {
    @Test func anUnacknowledgedUrgentOrderWarnsThenFallsOverdueInItsLog() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("suban-ack-clock-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (intakePort, slaPort) = (try await SystemTestPorts.free(), try await SystemTestPorts.free())
        var running: [ServiceProcess] = []
        do {
            let routing = try await ServiceProcess.launch(
                "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": data])
            running.append(routing)
            running.append(
                try await ServiceProcess.launch(
                    "suban-sla",
                    environment: [
                        "SUBAN_SLA_PORT": "\(slaPort)", "SUBAN_INTAKE_PORT": "\(intakePort)", "SUBAN_DATA_DIR": data,
                    ]
                ))
            running.append(
                try await ServiceProcess.launch(
                    "suban-intake",
                    environment: [
                        "SUBAN_INTAKE_PORT": "\(intakePort)", "SUBAN_SLA_PORT": "\(slaPort)",
                        "SUBAN_ROUTING_PORT": "\(routing.port)", "SUBAN_DATA_DIR": data,
                    ]
                ))
            let intake = makeTestClient(port: intakePort, credentials: TestIdentity.credentials(TestIdentity.platform))
            // Dispatched 29 min 57 s ago: the 80 % warning is already due, the deadline 3 s away.
            let dispatched = Date().addingTimeInterval(-(30 * 60 - 3))
            let draft = Wire.OrderDraft(
                platformOrderNumber: "SMX-URGENT-1", channel: "hotline_12345", urgency: "urgent", kind: "complaint",
                topic: "pension",
                content: "养老金被停发，老人生活困难，请紧急处理。", caller: Wire.Caller(name: "赵六", phone: "13611112222"),
                dispatchedAtUnixMs: Int64(dispatched.timeIntervalSince1970 * 1000)
            )
            let id = try #require(
                try await intake.call(
                    "intake.submit", Wire.SubmitOrderRequest(draft: draft), as: Wire.SubmitOrderResponse.self
                ).order?.id)

            func clockEvents() async throws -> [String] {
                let events = try await intake.call(
                    "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self
                ).events
                return events.filter { $0.action == "urge" }.compactMap { event in
                    event.details.first { $0.key == "clock.event" }?.value
                }
            }
            let arrived = try await eventually { try await clockEvents().count >= 2 }
            #expect(arrived, "the warning and the overdue event did not reach the order's log")
            let recorded = try await clockEvents()
            #expect(Array(recorded.prefix(2)) == ["warning", "overdue"])
            let order = try await intake.call(
                "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self
            ).order
            #expect(order?.state == "assigned_pending_ack")
            // Overdue without any handling deadline: the desk's overdue list has it, from SLA's clock.
            let listed = try await runCommand(
                "subanctl",
                [
                    "list", "--overdue", "--output", "json", "--address", "intake=127.0.0.1:\(intakePort)", "--as",
                    "bureau_desk:wang@office",
                ])
            #expect(listed.status == 0 && listed.standardOutput.contains(id), "\(listed.standardError)")
            await intake.shutdown()
        } catch {
            for process in running { await process.stop() }
            throw error
        }
        for process in running.reversed() {
            #expect(await process.stop() == 0)
        }
    }
}
