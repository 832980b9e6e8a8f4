import Domain
import Foundation
import TestSupport

/// A year of orders played through the real state machine, with the mix of outcomes a bureau
/// sees: mostly acknowledged and closed on time, some late, overdue, extended, returned,
/// sent back, reopened, merged, answered from the knowledge base, and the newest still open.
struct YearOfOrders {
    static let units: [(code: String, topics: [WorkOrder.Topic])] = [
        ("employment_office", [.employment]), ("urban_pension_section", [.pension]),
        ("employment_training_center", [.training]),
        ("pension_insurance_center", [.pension]), ("unemployment_insurance_center", [.unemploymentInsurance]),
        ("work_injury_insurance_center", [.workInjury]),
        ("labor_inspection_brigade", [.wageArrears, .laborInspection]),
        ("talent_exchange_center", [.talent]), ("job_placement_center", [.employment]),
        ("skills_appraisal_center", [.training]),
        ("office", [.mediationArbitration, .businessEnvironment, .other]),
    ]
    static let contents = [
        "公司拖欠工资三个月，农民工讨薪无门。", "社保卡补办进度查询。", "失业金申领条件咨询。", "工伤认定需要哪些材料？",
        "养老金本月未按时发放。", "劳动合同到期不续签，要求经济补偿。", "职业技能等级证书查询。", "人才引进补贴何时发放？",
        "灵活就业人员社保缴费咨询。", "加班费计算方式咨询。", "创业担保贷款申请流程。", "档案转移接续办理。",
    ]

    let start: Date
    let count: Int
    let lastInstant: Date
    var random: SeededRandom

    static let desk = WorkOrder.Actor(id: "desk", role: .bureauDesk)
    /// A reply is reviewed by someone other than its author.
    static let reviewer = WorkOrder.Actor(id: "desk-2", role: .bureauDesk)
    static let platform = WorkOrder.Actor(id: "12345", role: .platform)

    init(count: Int, endingAt end: Date, seed: UInt64) {
        self.count = count
        lastInstant = end
        start = end.addingTimeInterval(-365 * 86_400)
        random = SeededRandom(seed: seed)
    }

    /// The `index`-th order, dispatched at an even pace through the year, and its log.
    mutating func order(_ index: Int) throws -> (WorkOrder, [WorkOrderEvent]) {
        let dispatched = start.addingTimeInterval(
            Double(index) * 365 * 86_400 / Double(count) + Double(random.int(0...59)))
        let unit = random.pick(Self.units)
        let topic = random.pick(unit.topics)
        let urgent = random.chance(20)
        let kind: WorkOrder.Kind = topic == .wageArrears ? .complaint : random.pick(WorkOrder.Kind.allCases)
        let enterprise =
            random.chance(5)
            ? WorkOrder.Enterprise(name: "重点企业\(random.int(1...99))", creditCode: "91350100M000100Y43") : nil
        var order = try WorkOrder(
            id: "WO-\(index)",
            draft: WorkOrderDraft(
                platformOrderNumber: "SMX-\(index)", channel: random.chance(30) ? .hotline12333 : .hotline12345,
                receivedAt: dispatched.addingTimeInterval(-120), dispatchedAt: dispatched,
                urgency: urgent ? .urgent : .normal,
                kind: kind, topic: topic, content: random.pick(Self.contents), address: "三门峡市",
                caller: WorkOrder.Caller(name: "来电人", phone: "138\(String(format: "%08d", random.int(0...400_000)))"),
                enterprise: enterprise,
                handlingDeadline: dispatched.addingTimeInterval(Double(random.int(3...18)) * 86_400), attachments: []
            )
        )
        var events: [WorkOrderEvent] = []
        var now = dispatched
        func play(_ action: WorkOrderAction, _ actor: WorkOrder.Actor, after seconds: Int) throws -> Bool {
            now = now.addingTimeInterval(Double(seconds))
            guard now <= lastInstant else { return false }  // the year ends with this order still open
            events.append(try order.apply(action, by: actor, at: now))
            return true
        }
        if kind == .consultation && random.chance(25) {
            _ = try play(.answerFromKnowledgeBase(articleID: "KB-1", answer: "按知识库答复。"), Self.desk, after: 600)
            _ = try play(.review(approved: true, comment: ""), Self.reviewer, after: 600)
            _ = try play(.sendToPlatform, Self.desk, after: 600)
            _ = try play(.platformReview(accepted: true, reason: ""), Self.platform, after: 86_400)
            _ = try play(.recordCallback(.satisfied), Self.platform, after: 3600)
            return (order, events)
        }
        let mode: WorkOrder.HandlingMode = topic == .wageArrears ? .specialCase : .transfer
        let track: WorkOrder.Track = topic == .businessEnvironment && random.chance(50) ? .greenChannel : .regular
        let liaison = WorkOrder.Actor(id: "liaison", role: .liaison, unitCode: unit.code)
        let deputy = WorkOrder.Actor(id: "deputy", role: .deputyLeader, unitCode: unit.code)
        guard try play(.assign(units: [unit.code], mode: mode, track: track), Self.desk, after: 60) else {
            return (order, events)
        }
        if random.chance(2) {
            _ = try play(.merge(into: "WO-\(max(0, index - 1))"), Self.desk, after: 300)
            return (order, events)
        }
        let acknowledgeWithin = urgent ? 1800 : 14_400
        guard
            try play(
                .acknowledge, liaison,
                after: random.chance(94) ? random.int(60...acknowledgeWithin) : random.int(acknowledgeWithin...40_000))
        else { return (order, events) }
        if random.chance(3) {
            _ = try play(.requestReturn(reason: "非本单位职责", basis: "三定方案"), liaison, after: 3600)
            let approved = random.chance(70)
            guard try play(.decideReturn(approved: approved), Self.platform, after: 86_400), !approved else {
                return (order, events)
            }
        }
        guard try play(.instruct(opinion: "请按时办理"), deputy, after: 1800), try play(.start, liaison, after: 600) else {
            return (order, events)
        }
        var cycles = 0
        while cycles < 3 {
            cycles += 1
            if cycles == 1 && random.chance(5) {
                guard try play(.requestExtension(days: 5, reason: "需调查", legalBasis: "条例"), liaison, after: 86_400)
                else { return (order, events) }
                let deadline = (order.handlingDeadline ?? now).addingTimeInterval(7 * 86_400)
                let decision: WorkOrderAction =
                    random.chance(80) ? .approveExtension(newDeadline: deadline) : .denyExtension(reason: "不符合条件")
                guard try play(decision, Self.platform, after: 86_400) else { return (order, events) }
            }
            let deadline = order.handlingDeadline ?? now
            let replyAt =
                random.chance(90)
                ? max(60, Int(deadline.timeIntervalSince(now) * Double(random.int(10...95)) / 100))
                : Int(deadline.timeIntervalSince(now)) + random.int(3600...500_000)
            var citation: WorkOrder.ClosureCitation?
            if mode == .specialCase {
                citation = Self.citation
                citation?.workersHelped = random.int(1...40)
                citation?.amountRecoveredFen = Int64(random.int(100_000...50_000_000))
            }
            guard
                try play(
                    .draftReply(
                        text: "已办理。", result: random.chance(85) ? .solved : .partlySolved, closureStandard: citation),
                    liaison, after: max(60, replyAt)),
                try play(.review(approved: true, comment: ""), Self.reviewer, after: 600),
                try play(.sendToPlatform, Self.desk, after: 600)
            else { return (order, events) }
            if random.chance(3) {
                guard try play(.platformReview(accepted: false, reason: "答复不完整"), Self.platform, after: 86_400) else {
                    return (order, events)
                }
                continue
            }
            guard try play(.platformReview(accepted: true, reason: ""), Self.platform, after: 86_400) else {
                return (order, events)
            }
            let outcome: WorkOrder.CallbackOutcome =
                random.chance(85) ? .satisfied : random.pick([.basicallySatisfied, .dissatisfied, .unreachable])
            guard try play(.recordCallback(outcome), Self.platform, after: 3600), outcome == .dissatisfied else {
                return (order, events)
            }
        }
        return (order, events)
    }

    /// A solved standard's citation with all its evidence; none if the table had no solved standard.
    static let citation: WorkOrder.ClosureCitation? = {
        guard let standard = ClosureStandardTable.provisional.standards.first(where: { $0.countsAsSolved }) else {
            return nil
        }
        return WorkOrder.ClosureCitation(
            code: standard.code,
            evidence: standard.requiredEvidence.map {
                .init(requirement: $0, attachment: WorkOrder.Attachment(name: $0, uri: "evidence://\($0)"))
            }
        )
    }()
}
