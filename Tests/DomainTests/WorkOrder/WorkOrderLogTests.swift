import Domain
import Foundation
import Testing

/// The append-only log: continuity checks and replay.
@Suite struct WorkOrderLogTests {
    typealias F = WorkOrderFixtures

    @Test func replayingTheLogGivesTheCurrentState() throws {
        for state in WorkOrder.State.allCases {
            let setup: F.Setup = state == .answeredFromKnowledgeBase ? .knowledgeBase : .transfer
            let (order, log) = try F.order(in: state, setup)
            #expect(try WorkOrderLog.replay(log.events) == order.state)
            #expect(log.state == order.state && log.cycle == order.cycle)
            #expect(log.events.last?.sequence ?? 0 == order.lastSequence)
        }
        #expect(try WorkOrderLog.replay([]) == .received)
    }

    @Test func storedEventsRebuildTheLog() throws {
        let (_, log) = try F.order(in: .closed)
        let rebuilt = try WorkOrderLog(orderID: log.orderID, events: log.events)
        #expect(rebuilt == log)
    }

    @Test func eventsRoundTripThroughJSON() throws {
        let (_, log) = try F.order(in: .closed, .wageArrears)
        let data = try JSONEncoder().encode(log)
        #expect(try JSONDecoder().decode(WorkOrderLog.self, from: data) == log)
    }

    @Test func gapInTheSequenceIsRefused() throws {
        let (_, log) = try F.order(in: .acknowledged)
        var copy = WorkOrderLog(orderID: log.orderID)
        try copy.append(log.events[0])
        #expect(throws: WorkOrderLog.Error(.sequenceGap(expected: 2, found: 3))) {
            try copy.append(log.events[1].renumbered(3))
        }
        #expect(throws: WorkOrderLog.Error(.sequenceGap(expected: 2, found: 1))) { try copy.append(log.events[0]) }
        #expect(copy.events.count == 1)
    }

    @Test func eventStartingInAnotherStateIsRefused() throws {
        let (_, log) = try F.order(in: .instructed)
        var events = log.events
        events.remove(at: 1)  // drop the acknowledgement
        events[1].sequence = 2
        #expect(throws: WorkOrderLog.Error(.stateMismatch(expected: .assignedPendingAck, found: .acknowledged))) {
            try WorkOrderLog.replay(events)
        }
    }

    @Test func eventOfAnotherOrderIsRefused() throws {
        let (_, log) = try F.order(in: .assignedPendingAck)
        var foreign = log.events[0]
        foreign.orderID = "order-2"
        var empty = WorkOrderLog(orderID: log.orderID)
        #expect(throws: WorkOrderLog.Error(.wrongOrder(expected: log.orderID, found: "order-2"))) {
            try empty.append(foreign)
        }
        #expect(throws: WorkOrderLog.Error.self) { try WorkOrderLog.replay([log.events[0], foreign.renumbered(2)]) }
    }

    @Test func cycleMayOnlyStayOrAdvanceByOne() throws {
        let (_, log) = try F.order(in: .assignedPendingAck)
        var jumped = log.events[0]
        jumped.cycle = 3
        #expect(throws: WorkOrderLog.Error(.cycleMismatch(current: 1, found: 3))) { try WorkOrderLog.replay([jumped]) }
    }

    @Test func errorsExplainThemselves() {
        let errors: [WorkOrderLog.Error] = [
            .init(.wrongOrder(expected: "a", found: "b")), .init(.sequenceGap(expected: 2, found: 4)),
            .init(.stateMismatch(expected: .received, found: .closed)), .init(.cycleMismatch(current: 1, found: 3)),
        ]
        #expect(errors.allSatisfy { !$0.description.isEmpty })
    }
}

extension WorkOrderEvent {
    fileprivate func renumbered(_ sequence: Int) -> WorkOrderEvent {
        var copy = self
        copy.sequence = sequence
        return copy
    }
}
