import Domain
import Foundation
import GRDB
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// What intake writes to people reads as the bureau writes: Chinese unit names and wording, and
/// times in Beijing time as a letter gives them (2026年12月4日 22:28), never codes or UTC.
@Suite("Intake: notifications in Chinese")
struct NotificationTextTests {
    static func notifications(_ intake: IntakeFixture) async throws -> [Wire.Notification] {
        try await intake.desk.store.database.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM outbox_entry WHERE method = 'gateway.notify' ORDER BY id")
        }.compactMap { try Wire.NotifyRequest(wireBytes: [UInt8]($0)).notification }
    }

    @Test func theTransferSlipNamesTheUnitAndTheDispatchTimeInChinese() async throws {
        try await IntakeFixture.run { intake in
            let order = try #require(try await intake.submit(IntakeFixture.draft()).order)
            let slip = try #require(try await Self.notifications(intake).first { $0.kind == "transfer_slip" })
            #expect(slip.body.contains("承办单位：就业办"))
            #expect(!slip.body.contains("employment_office"))
            let dispatched = Date(timeIntervalSince1970: Double(order.dispatchedAtUnixMs) / 1000)
            #expect(slip.body.contains("派单时间：\(ShanghaiTime.chineseText(dispatched))"))
            #expect(slip.body.contains("办理时限：平台未给定"), "a policy deadline is not the platform's")
            #expect(slip.body.range(of: #"\d{4}-\d\d-\d\dT"#, options: .regularExpression) == nil, "no ISO times")
        }
    }

    @Test func aClockEventIsLoggedAndMailedInChineseWithItsBeijingDeadline() async throws {
        try await IntakeFixture.run { intake in
            let id = try #require(try await intake.submit(IntakeFixture.draft(number: "SMX-CLOCK")).order?.id)
            // 1_795_000_000_000 ms is 2026-11-18 19:06:40 in Beijing.
            let overdue = Wire.RecordClockEventRequest(
                eventId: "\(id)/acknowledge/1/overdue", orderId: id, clockId: "\(id)/acknowledge/1",
                clockKind: "acknowledge",
                event: "overdue", dueUnixMs: 1_795_000_000_000, firedUnixMs: 1_795_000_000_500
            )
            _ = try await intake.client.call(
                "intake.record_clock_event", overdue, as: Wire.RecordClockEventResponse.self)
            let history = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: id), as: Wire.GetOrderResponse.self)
            let event = try #require(history.events.last)
            #expect(event.reason == "签收时限已超期：时限 2026年11月18日 19:06 已过，请立即办理并说明原因")
            #expect(
                WorkOrderEvent.label(
                    action: event.action, details: Dictionary(event.details.map { ($0.key, $0.value) }) { $1 })
                    == "签收时限已超期")

            let mail = try #require(try await Self.notifications(intake).first { $0.kind == "overdue" })
            #expect(mail.subject == "【签收时限已超期】工单 SMX-CLOCK")
            #expect(mail.body.contains("当前状态：待签收"))
            #expect(mail.body.contains("时限：2026年11月18日 19:06"))
            #expect(
                mail.body.range(of: "[A-Za-z]+ clock|T\\d\\d:|Z\\b", options: .regularExpression) == nil,
                "no English, no UTC")
        }
    }

    @Test func aWarningAsksForWhatIsDueByWhen() {
        let due = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(ClockEvent.warning(1).note(of: .acknowledge, due: due) == "签收时限预警：请于 2026年11月18日 19:06 前签收")
        #expect(ClockEvent.reminder(2).label(of: .handling) == "办理时限超期催办（第 2 次）")
        #expect(
            ClockEvent.recorded(in: ["clock.event": "reminder", "clock.reminder": "2", "clock.kind": "handling"])?.event
                == .reminder(2))
        #expect(ClockEvent.recorded(in: ["clock.event": "nonsense", "clock.kind": "handling"]) == nil)
    }

    /// 即时批办: the deputy leader in charge must instruct before anyone acts, so they hear of it.
    @Test func anOrderForTheLeadersInstructionAsksTheDeputyLeader() async throws {
        let decision = Wire.RoutingDecision(
            units: ["employment_office"], handlingMode: "leader_instruction", track: "regular", ruleId: "test.leader")
        try await IntakeFixture.run(routingDecision: decision) { intake in
            _ = try await intake.submit(IntakeFixture.draft(number: "SMX-LEAD"))
            let notice = try #require(try await Self.notifications(intake).first { $0.kind == "instruction_request" })
            #expect(notice.unit == "employment_office")
            #expect(notice.subject == "【即时批办·请分管局领导批示】工单 SMX-LEAD")
        }
    }
}
