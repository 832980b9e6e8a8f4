import Domain
import Foundation
import Testing

/// 专事专办: wage-arrears orders close only against a closure standard of the table in force, with its evidence.
@Suite struct WorkOrderWageArrearsTests {
    typealias F = WorkOrderFixtures
    typealias Citation = WorkOrder.ClosureCitation

    private func draftCode(
        _ result: WorkOrder.ResultCode, _ citation: Citation?, standards: ClosureStandardTable = .provisional
    )
        throws -> WorkOrderTransitionError.Code?
    {
        var (order, _) = try F.order(in: .inProgress, .wageArrears)
        let error = #expect(throws: WorkOrderTransitionError.self) {
            try order.apply(
                .draftReply(text: "已核查处理", result: result, closureStandard: citation), by: F.liaison(),
                at: F.duringHandling, standards: standards
            )
        }
        #expect(order.state == .inProgress)
        return error?.code
    }

    @Test func replyWithoutAStandardIsRefused() throws {
        #expect(try draftCode(.solved, nil) == .missingClosureStandard)
    }

    @Test func unknownStandardIsRefused() throws {
        #expect(try draftCode(.solved, Citation(code: "WA-99")) == .unknownClosureStandard(code: "WA-99"))
    }

    @Test(arguments: ClosureStandardTable.provisional.standards)
    func missingEvidenceIsNamed(_ standard: ClosureStandard) throws {
        let citation = F.citation(standard.code, dropping: 1)
        let result: WorkOrder.ResultCode = standard.countsAsSolved ? .solved : .unsolved
        #expect(
            try draftCode(result, citation)
                == .missingEvidence(code: standard.code, missing: [standard.requiredEvidence.last!]))
    }

    @Test func blankAttachmentReferenceIsNoEvidence() throws {
        var citation = F.citation("WA-P01")
        citation.evidence[0].attachment.uri = " "
        let first = try #require(ClosureStandardTable.provisional["WA-P01"]?.requiredEvidence.first)
        #expect(try draftCode(.solved, citation) == .missingEvidence(code: "WA-P01", missing: [first]))
    }

    /// 已足额支付 and 先行垫付 mean wages were paid: how many workers and how much must be said.
    @Test func aStandardOfPaymentNeedsWorkersAndAmount() throws {
        var citation = F.citation("WA-P01")
        citation.workersHelped = nil
        #expect(try draftCode(.solved, citation) == .missingArgument(field: "workers_helped"))
        citation.workersHelped = 3
        citation.amountRecoveredFen = 0
        #expect(try draftCode(.solved, citation) == .missingArgument(field: "amount_recovered"))
    }

    /// Evidence given by code is stored under the requirement's title, so the log reads as before.
    @Test func evidenceByCodeIsStoredUnderItsTitle() throws {
        var (order, _) = try F.order(in: .inProgress, .wageArrears)
        var citation = F.citation("WA-P01")
        for index in citation.evidence.indices { citation.evidence[index].requirement = "E\(index + 1)" }
        _ = try order.apply(
            .draftReply(text: "已足额支付", result: .solved, closureStandard: citation), by: F.liaison(),
            at: F.duringHandling)
        #expect(
            order.result?.closureStandard?.evidence.map(\.requirement)
                == ClosureStandardTable.provisional["WA-P01"]?.requiredEvidence)
    }

    @Test func solvedNeedsAStandardThatCountsAsSolved() throws {
        #expect(
            try draftCode(.solved, F.citation("WA-P04")) == .resultContradictsStandard(code: "WA-P04", result: .solved))
    }

    @Test func otherOrdersCiteNoStandard() throws {
        var (order, _) = try F.order(in: .inProgress)
        #expect(throws: WorkOrderTransitionError(.closureStandardNotApplicable)) {
            try order.apply(
                .draftReply(text: "已办理", result: .solved, closureStandard: F.citation()), by: F.liaison(),
                at: F.duringHandling
            )
        }
    }

    @Test(arguments: ClosureStandardTable.provisional.standards)
    func closesWithAStandardAndItsEvidence(_ standard: ClosureStandard) throws {
        var (order, log) = try F.order(in: .inProgress, .wageArrears)
        let result: WorkOrder.ResultCode = standard.countsAsSolved ? .solved : .partlySolved
        let steps: [(WorkOrderAction, WorkOrder.Actor)] = [
            (.draftReply(text: "已依法处理", result: result, closureStandard: F.citation(standard.code)), F.liaison()),
            (.review(approved: true, comment: "符合办结标准"), F.desk),
            (.sendToPlatform, F.desk),
            (.platformReview(accepted: true, reason: ""), F.platform),
            (.recordCallback(.basicallySatisfied), F.platform),
        ]
        for (action, actor) in steps {
            try log.append(try order.apply(action, by: actor, at: F.duringHandling))
        }
        #expect(order.state == .closed)
        #expect(order.result?.closureStandard?.code == standard.code)
        #expect(order.callbackOutcome == .basicallySatisfied)
        #expect(log.events.first { $0.action == .draftReply }?.details["closure_standard"] == standard.code)
    }

    @Test func reviewChecksTheTableInForceNow() throws {
        var (order, _) = try F.order(in: .replyDrafted, .wageArrears)
        let cityTable = try ClosureStandardTable(
            version: "city-2026", source: "市12345指挥中心审核办结标准",
            standards: [
                ClosureStandard(
                    code: "SMX-01", title: "已足额支付", requiredEvidence: ["支付凭证"], countsAsSolved: true, provisional: false
                )
            ]
        )
        #expect(throws: WorkOrderTransitionError(.unknownClosureStandard(code: "WA-P01"))) {
            try order.apply(
                .review(approved: true, comment: ""), by: F.desk, at: F.duringHandling, standards: cityTable)
        }
        // Sent back for a new draft, the unit cites the new table.
        _ = try order.apply(.review(approved: false, comment: "请按新标准办结"), by: F.desk, at: F.duringHandling)
        let citation = Citation(
            code: "SMX-01",
            evidence: [.init(requirement: "支付凭证", attachment: .init(name: "转账记录", uri: "evidence://smx/1"))]
        )
        _ = try order.apply(
            .draftReply(text: "已足额支付", result: .solved, closureStandard: citation), by: F.liaison(),
            at: F.duringHandling,
            standards: cityTable
        )
        _ = try order.apply(
            .review(approved: true, comment: ""), by: F.desk, at: F.duringHandling, standards: cityTable)
        #expect(order.state == .reviewed)
    }

    @Test func closingWithoutACallbackAlsoNeedsTheStandard() throws {
        var (order, _) = try F.order(in: .awaitingCallback, .wageArrears)
        _ = try order.apply(.close, by: F.system, at: F.duringHandling)
        #expect(order.state == .closed && order.result?.closureStandard != nil)
    }

    @Test func dissatisfiedCallbackReopensHandlingAndClearsTheReply() throws {
        var (order, _) = try F.order(in: .awaitingCallback, .wageArrears)
        let event = try order.apply(.recordCallback(.dissatisfied), by: F.platform, at: F.duringHandling)
        #expect(order.state == .inProgress && order.cycle == 2 && event.cycle == 2)
        #expect(order.result == nil)
        // The new cycle closes only against a standard again.
        #expect(throws: WorkOrderTransitionError(.missingClosureStandard)) {
            try order.apply(
                .draftReply(text: "再次核查", result: .solved, closureStandard: nil), by: F.liaison(), at: F.duringHandling)
        }
    }
}
