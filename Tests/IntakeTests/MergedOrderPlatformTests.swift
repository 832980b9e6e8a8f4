import Foundation
import GRDB
import RPC
import Testing
import WireProtocol

@testable import IntakeCore

/// A 12345 order merged into another (并单) is not left waiting on the platform: it hears that it
/// was merged, and gets its parent's reply under its own number (docs/platform-api.md).
@Suite("Intake: merged orders on the platform")
struct MergedOrderPlatformTests {
    static func platformMessages(_ intake: IntakeFixture) async throws -> [Wire.PlatformMessage] {
        let bodies = try await intake.desk.store.database.read { db in
            try Data.fetchAll(
                db, sql: "SELECT body FROM outbox_entry WHERE method = 'gateway.enqueue_platform_message' ORDER BY id")
        }
        return try bodies.compactMap { try Wire.EnqueuePlatformMessageRequest(wireBytes: Array($0)).message }
    }

    @Test func aMergedChildHearsOfTheMergeAndGetsItsParentsReply() async throws {
        try await IntakeFixture.run { intake in
            let n14 = try #require(try await intake.submit(IntakeFixture.draft(number: "N14")).order?.id)
            let n27 = try #require(try await intake.submit(IntakeFixture.draft(number: "N27")).order?.id)
            let n31 = try #require(try await intake.submit(IntakeFixture.draft(number: "N31")).order?.id)
            // By id, and by its number alone on the child's own line, as the desk knows it.
            for (child, parent) in [(n27, n14), (n31, "N14")] {
                try await intake.apply(child, "merge", as: "bureau_desk", unit: "office") { $0.parentOrderId = parent }
            }
            try await intake.apply(n31, "unmerge", as: "bureau_desk", unit: "office")
            // The parent's page names the order still merged into it, not the one taken out again.
            let parent = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: n14), as: Wire.GetOrderResponse.self)
            #expect(
                parent.mergedOrders == [
                    Wire.OrderReference(id: n27, channel: "hotline_12345", platformOrderNumber: "N27")
                ]
            )
            let child = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: n27), as: Wire.GetOrderResponse.self)
            #expect(
                child.parentOrder == Wire.OrderReference(id: n14, channel: "hotline_12345", platformOrderNumber: "N14"))
            let alone = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: n31), as: Wire.GetOrderResponse.self)
            #expect(alone.parentOrder == nil && alone.mergedOrders.isEmpty)
            try await intake.apply(n14, "acknowledge", as: "liaison")
            try await intake.apply(n14, "instruct", as: "unit_leader") { $0.text = "请核实处理" }
            try await intake.apply(n14, "start", as: "liaison")
            try await intake.apply(n14, "draft_reply", as: "liaison") {
                $0.text = "已联系企业，工资已发放。"
                $0.resultCode = "solved"
            }
            try await intake.apply(n14, "review", as: "bureau_desk", unit: "office") { $0.approved = true }
            let sent = try await intake.apply(n14, "send_to_platform", as: "bureau_desk", unit: "office")

            let messages = try await Self.platformMessages(intake)
            let summary = messages.map { "\($0.platformOrderNumber) \($0.kind)" }
            #expect(
                summary == [
                    "N27 merged", "N31 merged", "N31 unmerged", "N14 acknowledgement", "N14 progress", "N14 reply",
                    "N27 reply",
                ])
            let merged = try #require(messages.first)
            #expect(merged.parentOrderNumber == "N14" && merged.text.contains("已并入该工单合并办理"))
            let replies = messages.filter { $0.kind == "reply" }
            #expect(Set(replies.map(\.text)) == ["已联系企业，工资已发放。"] && Set(replies.map(\.resultCode)) == ["solved"])
            let sequence = try #require(sent.event?.sequence)
            #expect(replies.map(\.messageId) == ["\(n14)/\(sequence)", "\(n27)/\(n14)/\(sequence)"])
            #expect(replies.last?.orderId == n27)
        }
    }
}
