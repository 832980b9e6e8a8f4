import Assessment
import Domain
import Foundation
import Testing

/// Facts derived from logs, against values worked out by hand from the definitions in
/// docs/assessment.md.
@Suite struct DerivationTests {
    let time = OrderScript.time

    @Test func urgentOrderAcknowledgedAfterLocalMidnightCountsOnTheNextDay() throws {
        // Dispatched 23:40 on 31 March; due 00:10 on 1 April; acknowledged 00:05: on time, 25 minutes.
        var script = try OrderScript("A1", dispatched: "2026-03-31T23:40", urgency: .urgent)
        try script.assign("2026-03-31T23:41")
        try script.acknowledge("2026-04-01T00:05")
        let acknowledged = try #require(script.facts(.acknowledged).first)
        #expect(acknowledged.at == time("2026-04-01T00:05"))
        #expect(acknowledged.value == 25 * 60)
        #expect(script.facts(.acknowledgedOnTime).map(\.at) == [time("2026-04-01T00:05")])
        #expect(script.facts(.acknowledgedLate).isEmpty)
        #expect(script.facts(.received).map(\.at) == [time("2026-03-31T23:40")])
    }

    @Test(arguments: [("2026-04-01T00:00:00", true), ("2026-04-01T00:00:01", false)])
    func acknowledgementExactlyAtTheDeadlineIsOnTime(at: String, onTime: Bool) throws {
        // Normal: 4 hours from 20:00 is 00:00 sharp.
        var script = try OrderScript("A2", dispatched: "2026-03-31T20:00")
        try script.assign("2026-03-31T20:01")
        try script.acknowledge(at)
        #expect(script.facts(.acknowledgedOnTime).count == (onTime ? 1 : 0))
        // Late is dated at the deadline, the moment it became late.
        #expect(script.facts(.acknowledgedLate).map(\.at) == (onTime ? [] : [time("2026-04-01T00:00")]))
    }

    @Test func anOrderNeverAcknowledgedIsLateFromItsDeadline() throws {
        var script = try OrderScript("A3", dispatched: "2026-06-30T23:50", urgency: .urgent)
        try script.assign("2026-06-30T23:51")
        #expect(script.facts(.acknowledgedLate).map(\.at) == [time("2026-07-01T00:20")])
        #expect(script.facts(.acknowledged).isEmpty)
    }

    @Test func anOrderMergedBeforeItsAcknowledgementDeadlineIsNotLate() throws {
        var script = try OrderScript("A4", dispatched: "2026-03-02T09:00")
        try script.assign("2026-03-02T09:01")
        try script.play("2026-03-02T10:00", .merge(into: "WO-A0"), by: OrderScript.desk)
        #expect(script.facts(.acknowledgedLate).isEmpty)
        #expect(script.facts(.merged).map(\.at) == [time("2026-03-02T10:00")])
        #expect(script.facts(.received).count == 1)
        #expect(script.facts(.overdue).isEmpty)
    }

    @Test func extensionGrantedBeforeTheReplyMovesTheDeadline() throws {
        // Deadline 24:00 on 9 March; extended on 9 March to 24:00 on 20 March; replied 15 March.
        var script = try OrderScript("B1", dispatched: "2026-03-02T09:00", deadline: "2026-03-10T00:00")
        try script.assign("2026-03-02T09:01")
        try script.acknowledge("2026-03-02T10:00")
        try script.start("2026-03-02T11:00")
        try script.play(
            "2026-03-08T10:00", .requestExtension(days: 8, reason: "需调查", legalBasis: "条例第十七条"), by: script.liaison)
        try script.play(
            "2026-03-09T10:00", .approveExtension(newDeadline: time("2026-03-21T00:00")), by: OrderScript.platform)
        try script.reply("2026-03-15T16:00")
        try script.callback("2026-03-17T09:00")
        #expect(script.facts(.extensionRequested).map(\.at) == [time("2026-03-08T10:00")])
        #expect(script.facts(.extensionGranted).map(\.at) == [time("2026-03-09T10:00")])
        #expect(script.facts(.overdue).isEmpty)
        #expect(script.facts(.closedOnTime).map(\.at) == [time("2026-03-17T09:00")])
        // Working days after 2 March up to the reply on Sunday 15 March: 3–6 and 9–13 March.
        #expect(script.facts(.closed).first?.value == 9)
        #expect(script.facts(.callback).map(\.label) == ["satisfied"])
        #expect(script.facts(.callback).first?.value == 1)
    }

    @Test func aReplyAfterTheDeadlineIsOverdueUntilTheReplyAndClosesLate() throws {
        var script = try OrderScript("B2", dispatched: "2026-03-02T09:00", deadline: "2026-03-10T00:00")
        try script.assign("2026-03-02T09:01")
        try script.acknowledge("2026-03-02T10:00")
        try script.start("2026-03-02T11:00")
        try script.reply("2026-03-12T10:00", result: .partlySolved)
        try script.callback("2026-03-13T10:00", .basicallySatisfied)
        let overdue = try #require(script.facts(.overdue).first)
        #expect(overdue.at == time("2026-03-10T00:00"))
        #expect(overdue.until == time("2026-03-12T10:00"))
        #expect(script.facts(.closedLate).map(\.at) == [time("2026-03-13T10:00")])
        #expect(script.facts(.callback).first?.value == 0)
    }

    @Test func anUnrepliedOrderPastItsDeadlineIsOverdueWithoutEnd() throws {
        var script = try OrderScript("B3", dispatched: "2026-03-02T09:00", deadline: "2026-03-10T00:00")
        try script.assign("2026-03-02T09:01")
        try script.acknowledge("2026-03-02T10:00")
        let overdue = try #require(script.facts(.overdue).first)
        #expect(overdue.at == time("2026-03-10T00:00"))
        #expect(overdue.until == nil)
    }

    @Test func aDissatisfiedCallbackReopensAndTheSecondClosureCounts() throws {
        var script = try OrderScript("C1", dispatched: "2026-03-02T09:00", deadline: "2026-03-20T00:00")
        try script.assign("2026-03-02T09:01")
        try script.acknowledge("2026-03-02T10:00")
        try script.start("2026-03-02T11:00")
        try script.reply("2026-03-05T10:00")
        try script.callback("2026-03-06T10:00", .dissatisfied)
        #expect(script.order.state == .inProgress)
        #expect(script.facts(.closed).isEmpty)
        #expect(script.facts(.reopened).map(\.label) == ["dissatisfied"])
        try script.reply("2026-03-18T10:00")
        try script.callback("2026-03-19T10:00")
        #expect(script.facts(.replied).count == 2)
        #expect(script.facts(.callback).map(\.label) == ["dissatisfied", "satisfied"])
        #expect(script.facts(.closedOnTime).map(\.at) == [time("2026-03-19T10:00")])
        #expect(script.projection().profile.reopenCount == 1)
    }

    @Test func aSendBackIsCountedAndStartsTheNextCycle() throws {
        var script = try OrderScript("C2", dispatched: "2026-03-02T09:00", deadline: "2026-03-20T00:00")
        try script.assign("2026-03-02T09:01")
        try script.acknowledge("2026-03-02T10:00")
        try script.start("2026-03-02T11:00")
        try script.reply("2026-03-05T10:00")
        try script.play("2026-03-06T10:00", .platformReview(accepted: false, reason: "答复不完整"), by: OrderScript.platform)
        #expect(script.facts(.sentBack).map(\.at) == [time("2026-03-06T10:00")])
        #expect(script.facts(.reopened).map(\.label) == ["sent_back"])
    }

    @Test(arguments: [true, false])
    func returnsAreCountedByDecision(approved: Bool) throws {
        var script = try OrderScript("D1", dispatched: "2026-03-02T09:00", deadline: "2026-03-03T00:00")
        try script.assign("2026-03-02T09:01")
        try script.acknowledge("2026-03-02T10:00")
        try script.play("2026-03-02T11:00", .requestReturn(reason: "非本单位职责", basis: "三定方案"), by: script.liaison)
        try script.play("2026-03-03T11:00", .decideReturn(approved: approved), by: OrderScript.platform)
        // The deadline (24:00 on 2 March) passed while the platform decided: only a refused
        // return leaves the unit overdue.
        #expect(script.facts(.overdue).count == (approved ? 0 : 1))
        #expect(script.facts(.returnRequested).count == 1)
        #expect(script.facts(.returned).count == (approved ? 1 : 0))
        #expect(script.facts(.returnRefused).count == (approved ? 0 : 1))
    }

    @Test func wageArrearsClosedCountsWorkersAndYuan() throws {
        var script = try OrderScript(
            "W1", dispatched: "2026-03-02T09:00", topic: .wageArrears, unit: "labor_inspection_brigade")
        try script.assign("2026-03-02T09:01", mode: .specialCase)
        try script.acknowledge("2026-03-02T10:00")
        try script.start("2026-03-02T11:00")
        var citation = Self.citation("WA-P01")
        citation.workersHelped = 12
        citation.amountRecoveredFen = 3_456_789
        try script.reply("2026-03-20T10:00", citation: citation)
        try script.callback("2026-03-21T10:00")
        let recovered = try #require(script.facts(.wageRecovered).first)
        #expect(recovered.value == 12)
        #expect(recovered.amount == 3_456_789)
        #expect(script.projection().profile.unit == "labor_inspection_brigade")
    }

    @Test func greenChannelOrdersClosedOnTimeAreCountedApart() throws {
        var script = try OrderScript(
            "G1", dispatched: "2026-03-02T09:00", topic: .businessEnvironment, deadline: "2026-03-03T00:00")
        try script.play(
            "2026-03-02T09:01", .assign(units: [OrderScript.unit], mode: .transfer, track: .greenChannel),
            by: OrderScript.desk)
        try script.acknowledge("2026-03-02T09:10")
        try script.start("2026-03-02T09:20")
        try script.reply("2026-03-02T17:00")
        try script.callback("2026-03-03T09:00")
        #expect(script.facts(.greenClosed).count == 1)
        #expect(script.facts(.greenClosedOnTime).count == 1)
    }

    @Test func keywordsAreFoundInTheContent() throws {
        let script = try OrderScript("K1", dispatched: "2026-03-02T09:00", content: "公司拖欠工资，农民工讨薪无门，要求劳动仲裁。")
        #expect(Set(script.facts(.keyword).map(\.label)) == ["拖欠工资", "农民工", "劳动仲裁"])
    }

    @Test func ordersNoUnitHoldsCountForTheDesk() throws {
        let script = try OrderScript("K2", dispatched: "2026-03-02T09:00")
        #expect(script.projection().profile.unit == "office")
    }

    static func citation(_ code: String) -> WorkOrder.ClosureCitation {
        let required = ClosureStandardTable.provisional[code]?.requiredEvidence ?? []
        return WorkOrder.ClosureCitation(
            code: code,
            evidence: required.enumerated().map {
                .init(
                    requirement: $0.element,
                    attachment: WorkOrder.Attachment(name: "证据\($0.offset)", uri: "evidence://\($0.offset)"))
            }
        )
    }
}
