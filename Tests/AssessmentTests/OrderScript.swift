import Assessment
import Domain
import Foundation

/// Builds an order's log by playing actions at given Beijing times through the real state
/// machine, so that every fixture is a log the services could have written.
struct OrderScript {
    static let unit = "employment_office"
    static let desk = WorkOrder.Actor(id: "desk-1", role: .bureauDesk)
    static let platform = WorkOrder.Actor(id: "12345", role: .platform)
    static let system = WorkOrder.Actor(id: "sla", role: .system)

    var order: WorkOrder
    var events: [WorkOrderEvent] = []
    let liaison: WorkOrder.Actor

    /// `at` is a Beijing wall-clock time such as `2026-03-31T23:40`.
    static func time(_ at: String) -> Date {
        ShanghaiTime.parseISO8601(at + (at.count == 16 ? ":00" : "") + "+08:00")!
    }

    init(
        _ number: String,
        dispatched: String,
        urgency: WorkOrder.Urgency = .normal,
        kind: WorkOrder.Kind = .complaint,
        topic: WorkOrder.Topic = .employment,
        deadline: String? = nil,
        content: String = "来电人反映就业补贴未发放。",
        phone: String = "13812345678",
        enterprise: WorkOrder.Enterprise? = nil,
        unit: String = OrderScript.unit
    ) throws {
        let draft = WorkOrderDraft(
            platformOrderNumber: number, channel: .hotline12345,
            receivedAt: Self.time(dispatched).addingTimeInterval(-60),
            dispatchedAt: Self.time(dispatched), urgency: urgency, kind: kind, topic: topic, content: content,
            address: "三门峡市湖滨区", caller: WorkOrder.Caller(name: "张三", phone: phone), enterprise: enterprise,
            handlingDeadline: deadline.map(Self.time), attachments: []
        )
        order = try WorkOrder(id: "WO-\(number)", draft: draft)
        liaison = WorkOrder.Actor(id: "liaison-\(unit)", role: .liaison, unitCode: unit)
    }

    mutating func play(
        _ at: String, _ action: WorkOrderAction, by actor: WorkOrder.Actor, details: [String: String] = [:]
    ) throws {
        var event = try order.apply(action, by: actor, at: Self.time(at))
        event.details.merge(details) { $1 }
        events.append(event)
    }

    /// Assigned at `at` to the unit by transfer (or `mode`/`track`).
    mutating func assign(_ at: String, mode: WorkOrder.HandlingMode = .transfer, track: WorkOrder.Track = .regular)
        throws
    {
        try play(at, .assign(units: [liaison.unitCode!], mode: mode, track: track), by: Self.desk)
    }

    mutating func acknowledge(_ at: String) throws { try play(at, .acknowledge, by: liaison) }

    /// Instruction and start of handling, both at `at`.
    mutating func start(_ at: String) throws {
        // The deputy leader in charge of the liaison's unit gives the 交办意见.
        try play(
            at, .instruct(opinion: "请按时办理"),
            by: WorkOrder.Actor(id: "deputy-1", role: .deputyLeader, unitCode: liaison.unitCode))
        try play(at, .start, by: liaison)
    }

    /// Draft, review and send the reply, all at `at`.
    mutating func reply(
        _ at: String, result: WorkOrder.ResultCode = .solved, citation: WorkOrder.ClosureCitation? = nil
    ) throws {
        try play(at, .draftReply(text: "已办理。", result: result, closureStandard: citation), by: liaison)
        try play(at, .review(approved: true, comment: ""), by: Self.desk)
        try play(at, .sendToPlatform, by: Self.desk)
    }

    /// The platform accepts the reply and calls back at `at`.
    mutating func callback(_ at: String, _ outcome: WorkOrder.CallbackOutcome = .satisfied) throws {
        try play(at, .platformReview(accepted: true, reason: ""), by: Self.platform)
        try play(at, .recordCallback(outcome), by: Self.platform)
    }

    func projection(_ rules: AssessmentRules = AssessmentRules()) -> OrderProjection {
        OrderProjection.derive(order: order, events: events, rules: rules)
    }

    func facts(_ kind: OrderFact.Kind) -> [OrderFact] {
        projection().facts.filter { $0.kind == kind }
    }
}
