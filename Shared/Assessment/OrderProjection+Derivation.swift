import Domain
import Foundation

extension OrderProjection {
    /// One pass over an order's log, collecting facts. Split by step so that each definition of
    /// docs/assessment.md has one place.
    struct Derivation {
        let order: WorkOrder
        let events: [WorkOrderEvent]
        let rules: AssessmentRules
        var facts: [OrderFact] = []

        init(order: WorkOrder, events: [WorkOrderEvent], rules: AssessmentRules) {
            self.order = order
            self.events = events
            self.rules = rules
        }

        mutating func run() {
            facts.append(OrderFact(.received, at: order.dispatchedAt))
            for keyword in rules.keywordSearch.keywords(in: order.content) {
                facts.append(OrderFact(.keyword, at: order.dispatchedAt, label: keyword))
            }
            acknowledgement()
            stepsAndDecisions()
            cycles()
            closure()
            if order.state == .merged, let merge = events.last(where: { $0.action == .merge }) {
                facts.append(OrderFact(.merged, at: merge.timestamp))
            }
        }

        /// 按时签收: the first acknowledgement against dispatch plus 30 minutes or 4 hours. An order
        /// assigned but not acknowledged is late from that deadline on, unless it was merged first.
        /// A late acknowledgement's fact lasts `until` the acknowledgement, or the order's leaving the
        /// bureau unacknowledged (merged, returned, closed): while it lasts the order is overdue now.
        mutating func acknowledgement() {
            let minutes = rules.acknowledgeMinutes(order.urgency, order.kind)
            let due = order.dispatchedAt.addingTimeInterval(Double(minutes) * 60)
            if let acknowledgement = events.first(where: { $0.action == .acknowledge }) {
                let took = acknowledgement.timestamp.timeIntervalSince(order.dispatchedAt).rounded()
                facts.append(OrderFact(.acknowledged, at: acknowledgement.timestamp, value: max(0, took)))
                if acknowledgement.timestamp <= due {
                    facts.append(OrderFact(.acknowledgedOnTime, at: acknowledgement.timestamp))
                } else {
                    facts.append(OrderFact(.acknowledgedLate, at: due, until: acknowledgement.timestamp))
                }
                return
            }
            guard events.contains(where: { $0.action == .assign }) else { return }
            let mergedAt = order.state == .merged ? events.last(where: { $0.action == .merge })?.timestamp : nil
            if mergedAt.map({ $0 > due }) ?? true {
                let leftAt = order.state.awaitsTheBureau ? nil : events.last?.timestamp
                facts.append(OrderFact(.acknowledgedLate, at: due, until: leftAt))
            }
        }

        /// Extensions, returns, send-backs, callbacks and new cycles, each at its event.
        mutating func stepsAndDecisions() {
            var cycle = 1
            var lastResult: String?
            for event in events {
                let at = event.timestamp
                switch event.action {
                case .requestExtension: facts.append(OrderFact(.extensionRequested, at: at))
                case .approveExtension: facts.append(OrderFact(.extensionGranted, at: at))
                case .denyExtension: facts.append(OrderFact(.extensionDenied, at: at))
                case .requestReturn: facts.append(OrderFact(.returnRequested, at: at))
                case .decideReturn:
                    facts.append(OrderFact(event.details["approved"] == "true" ? .returned : .returnRefused, at: at))
                case .sendToPlatform: facts.append(OrderFact(.replied, at: at))
                case .draftReply: lastResult = event.details["result"]
                case .platformReview where event.details["accepted"] == "false":
                    facts.append(OrderFact(.sentBack, at: at))
                case .recordCallback:
                    let solved = lastResult == WorkOrder.ResultCode.solved.rawValue
                    facts.append(
                        OrderFact(.callback, at: at, value: solved ? 1 : 0, label: event.details["outcome"] ?? ""))
                default: break
                }
                if event.cycle > cycle {
                    let cause =
                        switch event.action {
                        case .platformReview: "sent_back"
                        case .recordCallback: "dissatisfied"
                        default: "reopen"
                        }
                    facts.append(OrderFact(.reopened, at: at, label: cause))
                }
                cycle = event.cycle
            }
        }

        /// 超期: per handling cycle, the deadline in force passed before the cycle's reply.
        mutating func cycles() {
            for cycle in 1...max(1, order.cycle) {
                let span = Cycle(cycle, of: events, dispatchedAt: order.dispatchedAt)
                guard let due = deadline(of: span) else { continue }
                let resolvedAt = span.replyAt ?? span.endedAt
                if let resolvedAt, resolvedAt <= due { continue }
                facts.append(OrderFact(.overdue, at: due, until: resolvedAt))
            }
        }

        /// 办结 and 按时办结: an order counts as closed while it is closed, at its last closing;
        /// on time when the closing cycle's reply came by that cycle's deadline.
        mutating func closure() {
            guard order.state == .closed, let closing = events.last(where: { $0.to == .closed }) else { return }
            let span = Cycle(closing.cycle, of: events, dispatchedAt: order.dispatchedAt)
            let repliedAt = span.replyAt ?? closing.timestamp
            let onTime = deadline(of: span).map { repliedAt <= $0 } ?? true
            let workingDays = Double(rules.workingDays(from: order.dispatchedAt, to: repliedAt))
            facts.append(OrderFact(.closed, at: closing.timestamp, value: workingDays))
            facts.append(OrderFact(onTime ? .closedOnTime : .closedLate, at: closing.timestamp))
            if order.track == .greenChannel {
                facts.append(OrderFact(.greenClosed, at: closing.timestamp))
                if onTime { facts.append(OrderFact(.greenClosedOnTime, at: closing.timestamp)) }
            }
            if order.topic == .wageArrears {
                let reply = events.last { $0.action == .draftReply }
                let workers = reply?.details["wage.workers"].flatMap(Double.init) ?? 0
                let fen = reply?.details["wage.amount_fen"].flatMap(Double.init) ?? 0
                facts.append(OrderFact(.wageRecovered, at: closing.timestamp, value: workers, amount: fen))
            }
        }

        /// The handling deadline of a cycle: the latest one the platform granted before the cycle's
        /// reply, else the original. A later cycle whose start is past that deadline has the one its
        /// SLA clock reported, if an overdue event of it is in the log.
        func deadline(of span: Cycle) -> Date? {
            let cutoff = span.replyAt ?? .distantFuture
            let granted = order.extensions.filter {
                $0.status == .approved && ($0.decidedAt ?? .distantFuture) <= cutoff
            }
            if let deadline = granted.last?.grantedDeadline ?? order.originalHandlingDeadline, deadline > span.start {
                return deadline
            }
            return span.reportedOverdue
        }
    }

    /// One handling cycle of an order as its log tells it.
    struct Cycle {
        var start: Date
        /// The first reply sent to the platform in this cycle.
        var replyAt: Date?
        /// When the order left handling in this cycle without a reply: merged, or returned (from
        /// the unit's request: the platform's time to decide is not the unit's delay).
        var endedAt: Date?
        /// The due instant of an overdue handling clock the SLA service recorded in this cycle.
        var reportedOverdue: Date?

        init(_ number: Int, of events: [WorkOrderEvent], dispatchedAt: Date) {
            let inCycle = events.filter { $0.cycle == number }
            start = number == 1 ? dispatchedAt : inCycle.first?.timestamp ?? dispatchedAt
            replyAt = inCycle.first { $0.action == .sendToPlatform }?.timestamp
            let returned = inCycle.contains { $0.to == .returned }
            endedAt = inCycle.first { $0.to == .merged || (returned && $0.action == .requestReturn) }?.timestamp
            reportedOverdue = inCycle.first {
                $0.action == .urge && $0.details["clock.kind"] == "handling" && $0.details["clock.event"] == "overdue"
            }?.details["clock.due"].flatMap(ShanghaiTime.parseISO8601)
        }
    }
}
