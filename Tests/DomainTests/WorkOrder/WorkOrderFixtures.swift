import Domain
import Foundation

/// Orders, actors and canonical actions shared by the work-order suites.
enum WorkOrderFixtures {
    typealias State = WorkOrder.State
    typealias Actor = WorkOrder.Actor
    typealias Kind = WorkOrderAction.Kind

    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let deadline = t0.addingTimeInterval(10 * 86_400)
    /// A time during handling, safely before the deadline.
    static let duringHandling = t0.addingTimeInterval(86_400)
    static let validIDNumber = "11010519491231002X"  // GB 11643's own example
    static let validCreditCode = "91350100M000100Y43"  // GB 32100-2015's own example

    /// How the order was dispatched; each variant exercises a path of the notice.
    enum Setup: String, Sendable, CaseIterable {
        case transfer
        case knowledgeBase
        case keyEnterprise
        case greenChannel
        case leaderInstruction
        case jointHandling
        case wageArrears
    }

    static let desk = Actor(id: "desk-1", role: .bureauDesk)
    /// The desk's colleague on duty: a reply is reviewed by someone other than its author.
    static let reviewer = Actor(id: "desk-2", role: .bureauDesk)
    static let platform = Actor(id: "12345", role: .platform)
    static let system = Actor(id: "intake", role: .system)
    static let deputy = Actor(id: "deputy-1", role: .deputyLeader, unitCode: "U1")
    static let taskForce = Actor(id: "taskforce-1", role: .taskForce)
    static let administrator = Actor(id: "admin", role: .administrator)
    static func liaison(_ unit: String? = "U1") -> Actor {
        Actor(id: "liaison-\(unit ?? "none")", role: .liaison, unitCode: unit)
    }
    static func helpLiaison(_ unit: String? = "U1") -> Actor {
        Actor(id: "help-\(unit ?? "none")", role: .enterpriseHelpLiaison, unitCode: unit)
    }
    static func unitLeader(_ unit: String? = "U1") -> Actor {
        Actor(id: "leader-\(unit ?? "none")", role: .unitLeader, unitCode: unit)
    }

    static func draft(
        kind: WorkOrder.Kind = .consultation,
        topic: WorkOrder.Topic = .pension,
        deadline: Date? = deadline
    ) -> WorkOrderDraft {
        WorkOrderDraft(
            platformOrderNumber: "SMX-2026-000123",
            channel: .hotline12345,
            receivedAt: t0,
            dispatchedAt: t0.addingTimeInterval(300),
            urgency: .normal,
            kind: kind,
            topic: topic,
            content: "来电人反映养老保险待遇问题。",
            address: "河南省三门峡市湖滨区",
            caller: WorkOrder.Caller(name: "张三", phone: "13812345678", idNumber: validIDNumber),
            enterprise: WorkOrder.Enterprise(name: "某某建设有限公司", creditCode: validCreditCode),
            handlingDeadline: deadline,
            attachments: [WorkOrder.Attachment(name: "录音", uri: "platform://recordings/123")]
        )
    }

    static func newOrder(_ setup: Setup = .transfer, deadline: Date? = deadline) throws -> WorkOrder {
        let topic: WorkOrder.Topic =
            switch setup {
            case .wageArrears: .wageArrears
            case .greenChannel: .businessEnvironment
            default: .pension
            }
        let kind: WorkOrder.Kind = setup == .wageArrears ? .complaint : .consultation
        return try WorkOrder(id: "order-1", draft: draft(kind: kind, topic: topic, deadline: deadline))
    }

    /// The full evidence for a provisional standard.
    static func citation(_ code: String = "WA-P01", dropping dropped: Int = 0) -> WorkOrder.ClosureCitation {
        let required = ClosureStandardTable.provisional[code]?.requiredEvidence ?? []
        let evidence = required.dropLast(dropped).enumerated().map { index, requirement in
            WorkOrder.ClosureCitation.Evidence(
                requirement: requirement,
                attachment: WorkOrder.Attachment(name: "证据\(index + 1)", uri: "evidence://\(code)/\(index + 1)")
            )
        }
        // A standard that records a payment needs the workers and the amount with it.
        let paid = ClosureStandardTable.provisional[code]?.recordsPayment == true
        return WorkOrder.ClosureCitation(
            code: code, evidence: Array(evidence), workersHelped: paid ? 12 : nil,
            amountRecoveredFen: paid ? 3_456_789 : nil)
    }

    /// An actor that may perform `kind` on `order` on the usual path.
    static func actor(for kind: Kind, on order: WorkOrder) -> Actor {
        switch kind {
        case .assign, .merge, .sendToPlatform, .unmerge, .urge, .classifyGreenChannel: desk
        case .review: reviewer
        case .answerFromKnowledgeBase:
            order.state == .received || order.state == .answeredFromKnowledgeBase ? desk : liaison()
        case .acknowledge, .start, .requestExtension, .draftReply, .requestReturn:
            order.track == .keyEnterprise ? helpLiaison() : liaison()
        case .instruct: deputy
        case .approveExtension, .denyExtension, .platformReview, .recordCallback, .decideReturn, .close, .reopen,
            .supervise:
            platform
        }
    }

    /// The action that moves `order` forward along the usual path (approving, accepting, satisfied).
    static func action(for kind: Kind, on order: WorkOrder, setup: Setup) -> WorkOrderAction {
        switch kind {
        case .assign:
            switch setup {
            case .transfer, .knowledgeBase: .assign(units: ["U1"], mode: .transfer)
            case .keyEnterprise: .assign(units: ["U1"], mode: .transfer, track: .keyEnterprise)
            case .greenChannel: .assign(units: ["U1"], mode: .transfer, track: .greenChannel)
            case .leaderInstruction: .assign(units: ["U1"], mode: .leaderInstruction)
            case .jointHandling: .assign(units: ["U1", "U2"], mode: .jointHandling)
            case .wageArrears: .assign(units: ["U1"], mode: .specialCase)
            }
        case .answerFromKnowledgeBase: .answerFromKnowledgeBase(articleID: "KB-0042", answer: "养老保险待遇可在网上经办大厅查询。")
        case .acknowledge: .acknowledge
        case .instruct: .instruct(opinion: "请依法依规办理，按时反馈。")
        case .start: .start
        case .requestExtension: .requestExtension(days: 5, reason: "需调查取证", legalBasis: "《劳动保障监察条例》第十七条")
        case .approveExtension: .approveExtension(newDeadline: deadline.addingTimeInterval(20 * 86_400))
        case .denyExtension: .denyExtension(reason: "理由不充分")
        case .draftReply:
            .draftReply(
                text: "经核实，已为来电人办理。", result: .solved,
                closureStandard: order.handlingMode == .specialCase ? citation() : nil
            )
        case .review: .review(approved: true, comment: "")
        case .sendToPlatform: .sendToPlatform
        case .platformReview: .platformReview(accepted: true, reason: "")
        case .recordCallback: .recordCallback(.satisfied)
        case .close: .close
        case .requestReturn: .requestReturn(reason: "不属于本单位职责", basis: "本单位职能配置规定")
        case .decideReturn: .decideReturn(approved: true)
        case .reopen: .reopen(reason: "来电人再次反映")
        case .classifyGreenChannel: .classifyGreenChannel(level: .complex, reason: "涉及多个审批环节，需会同相关部门核实")
        case .merge: .merge(into: "order-parent")
        case .unmerge: .unmerge
        case .urge: .urge(note: "请加快办理")
        case .supervise: .supervise(note: "督办")
        }
    }

    /// The usual path from a new order to `state`.
    static func path(to state: State, setup: Setup, mergedFrom: State = .received) -> [Kind] {
        let handling: [Kind] = [.assign, .acknowledge] + (setup == .keyEnterprise ? [] : [.instruct]) + [.start]
        let replied: [Kind] =
            setup == .knowledgeBase
            ? [.answerFromKnowledgeBase, .review, .sendToPlatform] : handling + [.draftReply, .review, .sendToPlatform]
        switch state {
        case .received: return []
        case .answeredFromKnowledgeBase: return [.answerFromKnowledgeBase]
        case .assignedPendingAck: return [.assign]
        case .acknowledged: return [.assign, .acknowledge]
        case .instructed: return [.assign, .acknowledge, .instruct]
        case .inProgress: return handling
        case .extensionRequested: return handling + [.requestExtension]
        case .replyDrafted: return handling + [.draftReply]
        case .reviewed: return handling + [.draftReply, .review]
        case .repliedToPlatform: return replied
        case .awaitingCallback: return replied + [.platformReview]
        case .closed: return replied + [.platformReview, .recordCallback]
        case .returnRequested: return [.assign, .acknowledge, .requestReturn]
        case .returned: return [.assign, .acknowledge, .requestReturn, .decideReturn]
        case .merged: return path(to: mergedFrom, setup: setup) + [.merge]
        }
    }

    /// A new order driven along the usual path to `state`, with the log of that path.
    static func order(
        in state: State,
        _ setup: Setup = .transfer,
        mergedFrom: State = .received
    ) throws -> (order: WorkOrder, log: WorkOrderLog) {
        var order = try newOrder(setup)
        var log = WorkOrderLog(orderID: order.id)
        for (index, kind) in path(to: state, setup: setup, mergedFrom: mergedFrom).enumerated() {
            let event = try order.apply(
                action(for: kind, on: order, setup: setup), by: actor(for: kind, on: order),
                at: t0.addingTimeInterval(Double(index + 1) * 600)
            )
            try log.append(event)
        }
        return (order, log)
    }
}
