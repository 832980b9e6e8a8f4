import Domain
import Foundation
import GRDB
import Outbox
import RPC
import WireProtocol

/// The coordination service's core: opens cases, runs them through their state machine, and keeps the log, the
/// index rows and the outbox consistent with every change.
struct CoordinationDesk: Sendable {
    let store: CaseStore
    /// The calendar action items' due dates are counted on.
    let calendar: WorkingDayCalendar
    let now: @Sendable () -> Date
    /// Called after a transaction enqueued outbox messages.
    let outboxChanged: @Sendable () -> Void

    /// What `open` did.
    struct Opened: Sendable {
        var record: CaseStore.Record
        var created: Bool
    }

    /// Opens the case of `order`, or returns its active case unchanged: an order has one coordination at a time,
    /// and a retried opening must not create a second.
    func open(
        order: CoordinationCase.OrderFacts,
        opening: CoordinationCase.Opening,
        by actor: WorkOrder.Actor,
        unitNames: [String: String]
    ) throws -> Opened {
        let time = now()
        return try store.database.write { db in
            if let existing = try CaseStore.active(orderID: order.id, in: db),
                let record = try CaseStore.record(id: existing.id, in: db)
            {
                return Opened(record: record, created: false)
            }
            let id = try CaseStore.nextID(at: time, in: db)
            var opened: CoordinationCase
            let event: CoordinationEvent
            (opened, event) = try CoordinationCase.open(id: id, order: order, opening: opening, by: actor, at: time)
            opened.unitNames = unitNames
            try CaseStore.insert(opened, event: event, in: db)
            return Opened(record: CaseStore.Record(coordination: opened), created: true)
        }
    }

    /// Applies `action` to case `id` and returns the changed case with the new event; the case, its log, its index
    /// rows and the calls to other services it implies change together or not at all.
    @discardableResult
    /// Applies `action` as `actor`. A compiled reply goes on to intake with `credential`, the actor's own,
    /// which intake checks again before it drafts the reply in the liaison's name.
    func apply(
        _ action: CoordinationAction,
        toCase id: String,
        by actor: WorkOrder.Actor,
        credential: String = ""
    ) throws -> (record: CaseStore.Record, event: CoordinationEvent) {
        let time = now()
        let result = try store.database.write { db -> (CaseStore.Record, CoordinationEvent) in
            guard var record = try CaseStore.record(id: id, in: db) else {
                throw RPCError(.notFound, "no coordination case \(id)")
            }
            let before = record.coordination
            let event = try record.coordination.apply(action, by: actor, at: time, calendar: calendar)
            try CaseStore.save(record.coordination, appending: event, in: db)
            try OutboxTable.enqueue(
                CoordinationCommands.after(event, from: before, to: record.coordination, credential: credential),
                at: time.unixMilliseconds, in: db
            )
            if event.action == .compile {
                try CaseStore.setReplyDelivery(.pending, caseID: id, in: db)
                record.replyDelivery = .pending
                record.replyError = nil
            }
            return (record, event)
        }
        outboxChanged()
        return result
    }

    /// Whether `action` would be accepted now, without changing anything: for checks that must come before a
    /// question to another service.
    func check(_ action: CoordinationAction, onCase id: String, by actor: WorkOrder.Actor) throws -> CoordinationCase {
        let time = now()
        guard var coordination = try store.database.read({ try CaseStore.coordination(id: id, in: $0) }) else {
            throw RPCError(.notFound, "no coordination case \(id)")
        }
        let original = coordination
        _ = try coordination.apply(action, by: actor, at: time, calendar: calendar)
        return original
    }

    /// A case by its id, by the id of one of its meetings or action items, or by its order (the latest case).
    func record(_ id: String) throws -> CaseStore.Record {
        let caseID =
            CoordinationCase.parse(id, kind: "meeting")?.caseID ?? CoordinationCase.parse(id, kind: "action")?.caseID
            ?? id
        let found = try store.database.read { db in
            try CaseStore.record(id: caseID, in: db) ?? CaseStore.latest(orderID: id, in: db)
        }
        guard let found else { throw RPCError(.notFound, "no coordination case \(id)") }
        return found
    }

    func events(caseID: String) throws -> [CoordinationEvent] {
        try store.database.read { try CaseStore.events(caseID: caseID, in: $0) }
    }

    func list(_ filter: CaseStore.Filter, limit: Int) throws -> [CaseStore.Record] {
        try store.database.read { try CaseStore.list(filter, limit: limit, in: $0) }
    }

    /// The conflicts of every pending meeting of the case, by meeting id.
    func conflicts(of coordination: CoordinationCase) throws -> [String: [MeetingConflict]] {
        try store.database.read { try CaseStore.conflicts(of: coordination, in: $0) }
    }
}
