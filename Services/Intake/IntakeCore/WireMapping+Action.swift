import Domain
import Foundation
import RPC
import WireProtocol

extension WorkOrderAction {
    /// The action an `ApplyActionRequest` names, with the values it needs; a missing or bad value
    /// is a field violation.
    init(wire request: Wire.ApplyActionRequest) throws(RPCError) {
        var collector = ViolationCollector()
        guard let kind = collector.value(WorkOrderAction.Kind.self, request.action, field: "action") else {
            try collector.check("unknown action")
            preconditionFailure("unreachable")
        }
        func text(_ field: String, _ value: String) -> String { collector.require(value, field: field) ?? "" }
        let action: WorkOrderAction
        switch kind {
        case .assign:
            let mode = collector.value(WorkOrder.HandlingMode.self, request.handlingMode, field: "handling_mode")
            let track =
                request.track.isEmpty ? .regular : collector.value(WorkOrder.Track.self, request.track, field: "track")
            if request.units.isEmpty {
                collector.violations.append(
                    FieldViolation(field: "units", code: "required", message: "at least one unit"))
            }
            action = .assign(units: request.units, mode: mode ?? .transfer, track: track ?? .regular)
        case .answerFromKnowledgeBase:
            // The answer is the article's, which intake looks up (`IntakeHandlers.withArticleAnswer`).
            action = .answerFromKnowledgeBase(articleID: text("article_id", request.articleId), answer: "")
        case .acknowledge: action = .acknowledge
        case .instruct: action = .instruct(opinion: text("text", request.text), circulation: request.circulateTo)
        case .start: action = .start
        case .requestExtension:
            if request.days == 0 {
                collector.violations.append(
                    FieldViolation(field: "days", code: "required", message: "at least one working day"))
            }
            action = .requestExtension(
                days: Int(request.days), reason: text("reason", request.reason),
                legalBasis: text("legal_basis", request.legalBasis))
        case .approveExtension:
            if request.newDeadlineUnixMs <= 0 {
                collector.violations.append(
                    FieldViolation(field: "new_deadline_unix_ms", code: "required", message: "the granted deadline"))
            }
            action = .approveExtension(newDeadline: Date(unixMilliseconds: request.newDeadlineUnixMs))
        case .denyExtension: action = .denyExtension(reason: request.reason)
        case .draftReply:
            let result = collector.value(WorkOrder.ResultCode.self, request.resultCode, field: "result_code")
            let citation =
                request.closureStandard.isEmpty
                ? nil
                : WorkOrder.ClosureCitation(
                    code: request.closureStandard,
                    evidence: request.evidence.map {
                        .init(requirement: $0.name, attachment: .init(name: $0.name, uri: $0.reference))
                    },
                    workersHelped: request.workersHelped > 0 ? Int(request.workersHelped) : nil,
                    amountRecoveredFen: request.amountRecoveredFen != 0 ? request.amountRecoveredFen : nil
                )
            action = .draftReply(text: text("text", request.text), result: result ?? .solved, closureStandard: citation)
        case .review: action = .review(approved: request.approved, comment: request.text)
        case .sendToPlatform: action = .sendToPlatform
        case .platformReview: action = .platformReview(accepted: request.approved, reason: request.reason)
        case .recordCallback:
            let outcome = collector.value(
                WorkOrder.CallbackOutcome.self, request.callbackOutcome, field: "callback_outcome")
            action = .recordCallback(outcome ?? .satisfied)
        case .close: action = .close
        case .requestReturn:
            action = .requestReturn(
                reason: text("reason", request.reason), basis: text("legal_basis", request.legalBasis))
        case .decideReturn: action = .decideReturn(approved: request.approved)
        case .reopen: action = .reopen(reason: request.reason)
        case .classifyGreenChannel:
            let level = collector.value(WorkOrder.GreenChannelLevel.self, request.greenLevel, field: "green_level")
            action = .classifyGreenChannel(level: level ?? .complex, reason: text("reason", request.reason))
        case .merge: action = .merge(into: text("parent_order_id", request.parentOrderId))
        case .unmerge: action = .unmerge
        case .urge: action = .urge(note: request.text)
        case .supervise: action = .supervise(note: request.text)
        }
        try collector.check("the \(kind.rawValue) action is incomplete")
        self = action
    }
}
