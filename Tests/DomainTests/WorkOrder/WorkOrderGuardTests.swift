import Domain
import Foundation
import Testing

/// The guards beyond state and role: track, unit, handling mode and the action's own values.
@Suite struct WorkOrderGuardTests {
    typealias F = WorkOrderFixtures

    private func refusal(
        _ order: inout WorkOrder,
        _ action: WorkOrderAction,
        by actor: WorkOrder.Actor,
        at time: Date = F.duringHandling
    ) -> WorkOrderTransitionError.Code? {
        let before = order
        let error = #expect(throws: WorkOrderTransitionError.self) { try order.apply(action, by: actor, at: time) }
        #expect(order == before, "a refused action must leave the order untouched")
        return error?.code
    }

    @Test func liaisonOfAnotherUnitCannotAcknowledge() throws {
        var (order, _) = try F.order(in: .assignedPendingAck)
        #expect(
            refusal(&order, .acknowledge, by: F.liaison("U9")) == .notResponsibleUnit(unit: "U9", action: .acknowledge))
        #expect(
            refusal(&order, .acknowledge, by: F.liaison(nil)) == .notResponsibleUnit(unit: nil, action: .acknowledge))
    }

    @Test func keyEnterpriseOrdersBelongToTheEnterpriseHelpLiaison() throws {
        var (order, _) = try F.order(in: .assignedPendingAck, .keyEnterprise)
        #expect(refusal(&order, .acknowledge, by: F.liaison()) == .forbidden(role: .liaison, action: .acknowledge))
        _ = try order.apply(.acknowledge, by: F.helpLiaison(), at: F.duringHandling)
        // No intermediate steps: straight from acknowledgement into handling.
        _ = try order.apply(.start, by: F.helpLiaison(), at: F.duringHandling)
        #expect(order.state == .inProgress)
    }

    @Test func enterpriseHelpLiaisonDoesNotTakeRegularOrders() throws {
        var (order, _) = try F.order(in: .assignedPendingAck)
        #expect(
            refusal(&order, .acknowledge, by: F.helpLiaison())
                == .forbidden(role: .enterpriseHelpLiaison, action: .acknowledge)
        )
    }

    @Test func regularOrdersNeedTheAssignmentOpinionBeforeHandling() throws {
        var (order, _) = try F.order(in: .acknowledged)
        #expect(refusal(&order, .start, by: F.liaison()) == .instructionRequired)
    }

    @Test func urgentOrdersAreInstructedFirstByTheDeputyLeader() throws {
        var (order, _) = try F.order(in: .acknowledged, .leaderInstruction)
        // One rule, one message naming who must act, whichever step comes too early.
        #expect(refusal(&order, .instruct(opinion: "请办理"), by: F.unitLeader()) == .deputyInstructionRequired)
        #expect(refusal(&order, .start, by: F.liaison()) == .deputyInstructionRequired)
        #expect(WorkOrderTransitionError(.deputyInstructionRequired).explanation.contains("分管局领导"))
        _ = try order.apply(.instruct(opinion: "立即核实处理"), by: F.deputy, at: F.duringHandling)
        // After the deputy's instruction the unit leader may add the assignment opinion.
        _ = try order.apply(.instruct(opinion: "交监察支队办理"), by: F.unitLeader(), at: F.duringHandling)
        #expect(order.instructions.map(\.role) == [.deputyLeader, .unitLeader])
    }

    @Test func unitLeaderInstructsOnlyOrdersOfTheUnit() throws {
        var (order, _) = try F.order(in: .acknowledged)
        #expect(
            refusal(&order, .instruct(opinion: "请办理"), by: F.unitLeader("U7"))
                == .notResponsibleUnit(unit: "U7", action: .instruct)
        )
        _ = try order.apply(.instruct(opinion: "请办理"), by: F.unitLeader(), at: F.duringHandling)
        #expect(order.state == .instructed)
    }

    @Test func theOpinionIsCirculatedToTheDeputyAndSectionsNamed() throws {
        var (order, _) = try F.order(in: .acknowledged)
        let event = try order.apply(
            .instruct(opinion: "请监察支队核实", circulation: [" 钱副局长 ", "", "劳动关系科"]), by: F.unitLeader(),
            at: F.duringHandling)
        #expect(event.details["circulated_to"] == "钱副局长、劳动关系科")
        var (other, _) = try F.order(in: .acknowledged)
        let tooMany = Array(repeating: "科室", count: 21)
        #expect(
            refusal(&other, .instruct(opinion: "请办理", circulation: tooMany), by: F.unitLeader())
                == .invalidArgument(field: "circulate_to", reason: "at most 20 names of 40 characters"))
        #expect(other.state == .acknowledged)
        // A 批示 is a page of instructions: 15,000 characters is a paste gone wrong.
        #expect(
            refusal(&other, .instruct(opinion: String(repeating: "批", count: 2_001)), by: F.unitLeader())
                == .invalidArgument(field: "opinion", reason: "longer than 2000 characters"))
        #expect(other.state == .acknowledged && other.instructions.isEmpty)
    }

    /// The desk or task force classifies a green-channel order once, with a reason; no other order.
    @Test func onlyAGreenChannelOrderIsClassifiedOnceWithAReason() throws {
        let classify = WorkOrderAction.classifyGreenChannel(level: .difficult, reason: "涉及三个部门")
        var regular = try F.order(in: .inProgress).order
        #expect(
            refusal(&regular, classify, by: F.desk)
                == .invalidArgument(field: "level", reason: "only green-channel orders are classified"))
        var (green, _) = try F.order(in: .inProgress, .greenChannel)
        #expect(
            refusal(&green, .classifyGreenChannel(level: .complex, reason: " "), by: F.taskForce)
                == .missingArgument(field: "reason"))
        #expect(refusal(&green, classify, by: F.liaison()) == .forbidden(role: .liaison, action: .classifyGreenChannel))
        let event = try green.apply(classify, by: F.taskForce, at: F.duringHandling)
        #expect(green.greenChannelLevel == .difficult && green.state == .inProgress)
        #expect(event.details["level"] == "difficult" && event.reason == "涉及三个部门")
        #expect(
            refusal(&green, classify, by: F.desk)
                == .invalidArgument(field: "level", reason: "the order is classified difficult already"))
    }

    @Test func taskForceInstructsOnlyOnTheGreenChannel() throws {
        var (regular, _) = try F.order(in: .acknowledged)
        #expect(
            refusal(&regular, .instruct(opinion: "协调会研究"), by: F.taskForce)
                == .forbidden(role: .taskForce, action: .instruct))
        var (green, _) = try F.order(in: .acknowledged, .greenChannel)
        _ = try green.apply(.instruct(opinion: "当天研究部署"), by: F.taskForce, at: F.duringHandling)
        #expect(green.state == .instructed)
    }

    @Test func jointHandlingReplyComesFromTheLeadUnit() throws {
        var (order, _) = try F.order(in: .inProgress, .jointHandling)
        let reply = WorkOrderAction.draftReply(text: "牵头单位汇总答复", result: .solved, closureStandard: nil)
        #expect(refusal(&order, reply, by: F.liaison("U2")) == .notResponsibleUnit(unit: "U2", action: .draftReply))
        _ = try order.apply(reply, by: F.liaison("U1"), at: F.duringHandling)
        #expect(order.state == .replyDrafted)
    }

    @Test func onlyConsultationsAreAnsweredFromTheKnowledgeBase() throws {
        var order = try WorkOrder(id: "o", draft: F.draft(kind: .complaint))
        #expect(
            refusal(&order, .answerFromKnowledgeBase(articleID: "KB-1", answer: "答复"), by: F.desk)
                == .notAnswerableFromKnowledgeBase(kind: .complaint)
        )
        var consultation = try F.newOrder()
        #expect(
            refusal(&consultation, .answerFromKnowledgeBase(articleID: " ", answer: "答复"), by: F.desk)
                == .missingArgument(field: "article_id"))
        #expect(
            refusal(&consultation, .answerFromKnowledgeBase(articleID: "KB-1", answer: " "), by: F.desk)
                == .missingArgument(field: "text"))
        #expect(consultation.state == .received && consultation.result == nil)
    }

    /// The desk answers an order nobody holds; once a unit holds it, the unit's liaison answers,
    /// and the answer is that unit's draft, reviewed like any other.
    @Test func aKnowledgeBaseAnswerIsTheDesksBeforeAssignmentAndTheUnitsAfter() throws {
        let answer = WorkOrderAction.answerFromKnowledgeBase(articleID: "KB-7", answer: "可在网上经办大厅办理。\n政策依据：某规定")
        var waiting = try F.newOrder()
        #expect(
            refusal(&waiting, answer, by: F.liaison()) == .forbidden(role: .liaison, action: .answerFromKnowledgeBase))
        var (handling, _) = try F.order(in: .inProgress)
        #expect(
            refusal(&handling, answer, by: F.desk) == .forbidden(role: .bureauDesk, action: .answerFromKnowledgeBase))
        #expect(
            refusal(&handling, answer, by: F.liaison("U2"))
                == .notResponsibleUnit(unit: "U2", action: .answerFromKnowledgeBase))
        let event = try handling.apply(answer, by: F.liaison(), at: F.duringHandling)
        #expect(handling.state == .replyDrafted && handling.handlingMode == .transfer)
        #expect(handling.result?.text == "可在网上经办大厅办理。\n政策依据：某规定" && handling.result?.code == .solved)
        #expect(handling.knowledgeBaseArticleID == "KB-7" && event.details["article_id"] == "KB-7")
    }

    /// Review is a second pair of eyes: the desk's own answer waits for a colleague, and a rejected
    /// answer leaves the order with the desk, without a draft, to answer otherwise or assign.
    @Test func theDesksAnswerIsReviewedByAColleague() throws {
        var (order, _) = try F.order(in: .answeredFromKnowledgeBase, .knowledgeBase)
        #expect(order.result?.draftedBy == F.desk.id && order.state.awaitsTheBureau)
        #expect(refusal(&order, .review(approved: true, comment: ""), by: F.desk) == .ownReplyReview)
        #expect(
            refusal(&order, .sendToPlatform, by: F.desk)
                == .illegalTransition(from: .answeredFromKnowledgeBase, action: .sendToPlatform))
        _ = try order.apply(.review(approved: false, comment: "答非所问"), by: F.reviewer, at: F.duringHandling)
        #expect(order.state == .received && order.result == nil && order.handlingMode == nil)
        _ = try order.apply(
            F.action(for: .answerFromKnowledgeBase, on: order, setup: .knowledgeBase), by: F.desk, at: F.duringHandling)
        _ = try order.apply(.review(approved: true, comment: ""), by: F.reviewer, at: F.duringHandling)
        _ = try order.apply(.sendToPlatform, by: F.desk, at: F.duringHandling)
        #expect(order.state == .repliedToPlatform && order.result?.reviewedBy == F.reviewer.id)
    }

    static let badAssignments: [(WorkOrder.Topic, WorkOrderAction, WorkOrderTransitionError.Code)] = [
        (.pension, .assign(units: [], mode: .transfer), .invalidArgument(field: "units", reason: "no unit given")),
        (
            .pension, .assign(units: ["U1", " "], mode: .transfer),
            .invalidArgument(field: "units", reason: "blank unit code")
        ),
        (
            .pension, .assign(units: ["U1", "U1"], mode: .transfer),
            .invalidArgument(field: "units", reason: "a unit is listed twice")
        ),
        (
            .pension, .assign(units: ["U1"], mode: .immediateAnswer),
            .invalidArgument(field: "mode", reason: "immediate answers come from the knowledge base, not a unit")
        ),
        (
            .wageArrears, .assign(units: ["U1"], mode: .transfer),
            .handlingModeMismatch(mode: .transfer, topic: .wageArrears)
        ),
        (
            .pension, .assign(units: ["U1"], mode: .specialCase),
            .handlingModeMismatch(mode: .specialCase, topic: .pension)
        ),
    ]

    @Test(arguments: badAssignments)
    func assignmentIsChecked(topic: WorkOrder.Topic, action: WorkOrderAction, expected: WorkOrderTransitionError.Code)
        throws
    {
        var order = try WorkOrder(id: "o", draft: F.draft(kind: .complaint, topic: topic))
        #expect(refusal(&order, action, by: F.desk) == expected)
    }

    static let blankTexts: [(WorkOrder.State, WorkOrderAction, String)] = [
        (.acknowledged, .instruct(opinion: "  "), "opinion"),
        (.inProgress, .requestExtension(days: 3, reason: "", legalBasis: "依据"), "reason"),
        (.inProgress, .requestExtension(days: 3, reason: "原因", legalBasis: "\u{3000}"), "legalBasis"),
        (.inProgress, .draftReply(text: "", result: .solved, closureStandard: nil), "text"),
        (.replyDrafted, .review(approved: false, comment: ""), "comment"),
        (.acknowledged, .requestReturn(reason: "", basis: "依据"), "reason"),
        (.acknowledged, .requestReturn(reason: "原因", basis: " "), "basis"),
        (.received, .merge(into: ""), "into"),
    ]

    @Test(arguments: blankTexts)
    func requiredTextsMustNotBeBlank(state: WorkOrder.State, action: WorkOrderAction, field: String) throws {
        var (order, _) = try F.order(in: state)
        #expect(refusal(&order, action, by: F.actor(for: action.kind, on: order)) == .missingArgument(field: field))
    }

    static let page = String(repeating: "长", count: WorkOrder.maximumTextLength + 1)
    static let longTexts: [(WorkOrder.State, WorkOrderAction, String)] = [
        (.inProgress, .requestExtension(days: 3, reason: page, legalBasis: "依据"), "reason"),
        (.inProgress, .requestExtension(days: 3, reason: "原因", legalBasis: page), "legalBasis"),
        (.replyDrafted, .review(approved: false, comment: page), "comment"),
        (.replyDrafted, .review(approved: true, comment: page), "comment"),
        (.acknowledged, .requestReturn(reason: page, basis: "依据"), "reason"),
        (.acknowledged, .requestReturn(reason: "原因", basis: page), "basis"),
        (.closed, .reopen(reason: page), "reason"),
    ]

    /// Every free text of every verb has the same page-long limit, and a refusal changes nothing.
    @Test(arguments: longTexts)
    func freeTextsLongerThanAPageAreRefused(state: WorkOrder.State, action: WorkOrderAction, field: String) throws {
        var (order, _) = try F.order(in: state)
        let before = order
        #expect(
            refusal(&order, action, by: F.actor(for: action.kind, on: order))
                == .invalidArgument(field: field, reason: "longer than 2000 characters"))
        #expect(order == before)
    }

    @Test func deskReopenNeedsAReasonButThePlatformsIsTakenAsGiven() throws {
        var (order, _) = try F.order(in: .closed)
        #expect(refusal(&order, .reopen(reason: " "), by: F.desk) == .missingArgument(field: "reason"))
        let event = try order.apply(.reopen(reason: ""), by: F.platform, at: F.duringHandling)
        #expect(event.reason == nil && order.state == .inProgress)
    }

    @Test func extensionOfZeroDaysIsRefused() throws {
        var (order, _) = try F.order(in: .inProgress)
        #expect(
            refusal(&order, .requestExtension(days: 0, reason: "原因", legalBasis: "依据"), by: F.liaison())
                == .invalidArgument(field: "days", reason: "at least one working day")
        )
    }

    @Test func replyLongerThanTheContentLimitIsRefused() throws {
        var (order, _) = try F.order(in: .inProgress)
        let text = String(repeating: "答", count: WorkOrderDraft.maximumContentLength + 1)
        #expect(
            refusal(&order, .draftReply(text: text, result: .solved, closureStandard: nil), by: F.liaison())
                == .invalidArgument(field: "text", reason: "longer than 4000 characters")
        )
    }

    @Test func anOrderIsNotMergedIntoItself() throws {
        var order = try F.newOrder()
        #expect(
            refusal(&order, .merge(into: order.id), by: F.desk)
                == .invalidArgument(field: "into", reason: "an order cannot be merged into itself")
        )
    }

    @Test func everyErrorHasAReadableMessage() {
        let codes: [WorkOrderTransitionError.Code] = [
            .illegalTransition(from: .closed, action: .start), .forbidden(role: .liaison, action: .review),
            .notResponsibleUnit(unit: nil, action: .acknowledge), .missingArgument(field: "reason"),
            .invalidArgument(field: "days", reason: "x"), .handlingModeMismatch(mode: .transfer, topic: .wageArrears),
            .notAnswerableFromKnowledgeBase(kind: .report), .instructionRequired, .missingClosureStandard,
            .unknownClosureStandard(code: "X"), .missingEvidence(code: "X", missing: ["a"]),
            .closureStandardNotApplicable,
            .resultContradictsStandard(code: "X", result: .solved), .noHandlingDeadline,
            .extensionAfterDeadline(deadline: F.deadline), .extensionNotLater(current: F.deadline, granted: F.t0),
            .ownReplyReview,
        ]
        let messages = codes.map { WorkOrderTransitionError($0).message }
        #expect(messages.allSatisfy { !$0.isEmpty })
        #expect(Set(messages).count == messages.count)
        #expect(
            WorkOrderTransitionError(.extensionAfterDeadline(deadline: F.deadline)).description.contains("2026-01-11"))
    }
}
