import Domain
import Foundation
import PropertyBased
import Testing

/// Random action sequences by random actors against the machine's promises.
@Suite struct WorkOrderPropertyTests {
    typealias F = WorkOrderFixtures
    typealias Kind = WorkOrderAction.Kind

    /// One random step: which action (mostly one that applies now, sometimes any), who does it (any role, or one
    /// that fits), and a variant that picks the action's values and the clock.
    struct Step: Sendable, CustomStringConvertible {
        var actionPick: Int
        var actorPick: Int
        var variant: Int
        var description: String { "(\(actionPick), \(actorPick), \(variant))" }
    }

    static let steps = zip(Gen.int(in: 0...99), Gen.int(in: 0...19), Gen.int(in: 0...11))
        .map { Step(actionPick: $0, actorPick: $1, variant: $2) }
        .array(of: 0...80)

    static let setups = Gen<F.Setup>.case

    @Test func randomRunsKeepTheMachinesPromises() async {
        var reached: Set<WorkOrder.State> = [.received]
        var runs = 0
        await propertyCheck(count: 500, input: Self.setups, Self.steps) { setup, steps in
            runs += 1
            var order = try F.newOrder(setup)
            var log = WorkOrderLog(orderID: order.id)
            for (index, step) in steps.enumerated() {
                let kind = Self.kind(for: step, in: order.state)
                let action = Self.action(kind, variant: step.variant, on: order, setup: setup)
                let actor = Self.actor(for: kind, pick: step.actorPick, variant: step.variant, on: order)
                let time = F.t0.addingTimeInterval(Double(index) * 3_600 * Double(1 + step.variant))
                let before = order
                let event: WorkOrderEvent?
                do throws(WorkOrderTransitionError) {
                    event = try order.apply(action, by: actor, at: time)
                } catch {
                    // The only error there is, and it leaves no trace.
                    #expect(!error.message.isEmpty)
                    #expect(order == before)
                    event = nil
                }
                if let event {
                    reached.insert(event.to)
                    #expect(event.from == before.state && event.to == order.state && event.action == kind)
                    #expect(WorkOrder.transitions[event.from]?[kind]?.contains(event.to) == true)
                    #expect(event.sequence == before.lastSequence + 1 && event.cycle == order.cycle)
                    try log.append(event)
                }
                Self.checkInvariants(of: order)
            }
            #expect(WorkOrder.reachableStates.contains(order.state))
            #expect(try WorkOrderLog.replay(log.events) == order.state)
            #expect(log.cycle == order.cycle && log.events.count == order.lastSequence)
        }
        // The runs must get everywhere, or the promises above were only checked near the start. (A fixed seed
        // replays a single run, which cannot.)
        if runs == 500 {
            #expect(reached == WorkOrder.reachableStates)
        }
    }

    @Test func checkCharactersMakeValidNumbers() async {
        let digits = Gen.int(in: 0...9).array(of: 17).map { $0.map(String.init).joined() }
        await propertyCheck(count: 500, input: digits, Gen.int(in: 0...10)) { body, wrong in
            let check = try #require(ResidentIDNumber.checkCharacter(forFirst17: body))
            #expect(ResidentIDNumber.isValid(body + String(check)))
            let other = Array("0123456789X").filter { $0 != check }[wrong % 10]
            #expect(!ResidentIDNumber.isValid(body + String(other)))
        }
    }

    @Test func creditCodeCheckCharactersMakeValidCodes() async {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let bodies = Gen.int(in: 0...30).array(of: 17).map { String($0.map { alphabet[$0] }) }
        await propertyCheck(count: 500, input: bodies, Gen.int(in: 0...29)) { body, wrong in
            let check = try #require(UnifiedSocialCreditCode.checkCharacter(forFirst17: body))
            #expect(UnifiedSocialCreditCode.isValid(body + String(check)))
            let other = alphabet.filter { $0 != check }[wrong]
            #expect(!UnifiedSocialCreditCode.isValid(body + String(other)))
        }
    }

    @Test func maskedMobileKeepsOnlyItsEnds() async {
        let mobiles = zip(Gen.int(in: 3...9), Gen.int(in: 0...999_999_999)).map {
            "1\($0)" + String(format: "%09d", $1)
        }
        await propertyCheck(count: 300, input: mobiles) { mobile in
            #expect(PhoneNumber.isMobile(mobile))
            let masked = WorkOrder.Caller.mask(phone: mobile)
            #expect(masked == mobile.prefix(3) + "****" + mobile.suffix(4))
        }
    }

    // MARK: - Interpreting a step

    private static func kind(for step: Step, in state: WorkOrder.State) -> Kind {
        let applicable = WorkOrder.permittedActions(in: state).sorted { $0.rawValue < $1.rawValue }
        if step.actionPick < 70, !applicable.isEmpty {
            return applicable[step.actionPick % applicable.count]
        }
        return Kind.allCases[step.actionPick % Kind.allCases.count]
    }

    private static func actor(for kind: Kind, pick: Int, variant: Int, on order: WorkOrder) -> WorkOrder.Actor {
        let unit = ["U1", "U2", "U1", nil][variant % 4]
        guard pick < Role.allCases.count else {
            var actor = F.actor(for: kind, on: order)
            if actor.unitCode != nil && variant >= 8 { actor.unitCode = unit }
            return actor
        }
        return WorkOrder.Actor(id: "random", role: Role.allCases[pick], unitCode: unit)
    }

    private static func action(_ kind: Kind, variant v: Int, on order: WorkOrder, setup: F.Setup) -> WorkOrderAction {
        let deadline = order.handlingDeadline ?? F.deadline
        // Half the variants take the usual action so that runs get deep into the lifecycle.
        if v < 6 { return F.action(for: kind, on: order, setup: setup) }
        switch kind {
        case .assign:
            let units = [["U1"], ["U1", "U2"], [], ["U2", "U2"]][v % 4]
            return .assign(
                units: units, mode: WorkOrder.HandlingMode.allCases[v % 5], track: WorkOrder.Track.allCases[v % 3])
        case .answerFromKnowledgeBase:
            return .answerFromKnowledgeBase(articleID: v == 11 ? " " : "KB-\(v)", answer: v == 10 ? "" : "答复\(v)")
        case .instruct: return .instruct(opinion: v == 11 ? "" : "意见\(v)")
        case .requestExtension: return .requestExtension(days: v % 4, reason: "原因", legalBasis: v == 11 ? "" : "依据")
        case .approveExtension:
            return .approveExtension(newDeadline: deadline.addingTimeInterval(Double(v - 3) * 86_400))
        case .draftReply:
            let citations: [WorkOrder.ClosureCitation?] = [
                nil, F.citation(), F.citation("WA-P04"), F.citation(dropping: 1),
            ]
            let result = WorkOrder.ResultCode.allCases[v % 3]
            return .draftReply(text: v == 11 ? "" : "答复", result: result, closureStandard: citations[v % 4])
        case .review: return .review(approved: v % 2 == 0, comment: v % 3 == 0 ? "" : "意见")
        case .platformReview: return .platformReview(accepted: v % 3 != 0, reason: "理由")
        case .recordCallback: return .recordCallback(WorkOrder.CallbackOutcome.allCases[v % 4])
        case .decideReturn: return .decideReturn(approved: v % 2 == 0)
        case .reopen: return .reopen(reason: v % 4 == 0 ? "" : "重办")
        case .merge: return .merge(into: v % 5 == 0 ? order.id : "parent-\(v % 2)")
        default: return F.action(for: kind, on: order, setup: setup)
        }
    }

    /// What every reachable order satisfies, whatever the path.
    private static func checkInvariants(of order: WorkOrder) {
        #expect((order.state == .merged) == (order.parentOrderID != nil))
        #expect((order.state == .merged) == (order.stateBeforeMerge != nil))
        let held: Set<WorkOrder.State> = [
            .assignedPendingAck, .acknowledged, .instructed, .inProgress, .extensionRequested, .replyDrafted,
            .returnRequested, .returned,
        ]
        if held.contains(order.state) {
            #expect(!order.responsibleUnits.isEmpty && order.handlingMode != nil)
        }
        if order.state == .reviewed {  // a unit's reply, or the desk's knowledge-base answer
            #expect(!order.responsibleUnits.isEmpty || order.handlingMode == .immediateAnswer)
        }
        if order.state == .received {
            #expect(order.handlingMode == nil)
        }
        if order.state == .answeredFromKnowledgeBase {
            #expect(
                order.handlingMode == .immediateAnswer && order.knowledgeBaseArticleID != nil && order.result != nil)
        }
        if [.replyDrafted, .reviewed].contains(order.state) {
            #expect(order.result != nil)
        }
        if order.requiresClosureStandard, let result = order.result {
            #expect(result.closureStandard != nil)
        }
        if order.state == .closed && order.requiresClosureStandard {
            #expect(order.result?.closureStandard != nil)
        }
        #expect((order.state == .extensionRequested) == (order.extensions.last?.status == .pending))
        #expect(order.cycle >= 1)
        #expect(order.topic != .wageArrears || order.handlingMode != .transfer)
    }
}
