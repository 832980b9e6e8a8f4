import Domain
import Foundation
import GRDB
import Outbox

extension SLAEngine {
    /// Starts a clock, durably, before returning it; a clock with the same id is returned as it
    /// is (`created: false`), so that a retried request never starts a second one.
    public func startClock(_ request: ClockStart, now: Int64) async throws -> (clock: ClockRecord, created: Bool) {
        try Self.validate(request)
        let (started, recomputed) = try await write { db in
            if let existing = try ClockStore.fetch(id: request.id, db, policies: self.catalog) {
                return (((existing, false), false), [])
            }
            var clock = try self.makeClock(request, now: now, calendar: self.calendar)
            // The id was not found above, inside this transaction: the row is new.
            guard let seq = try ClockStore.insert(clock, db) else {
                throw SLAError(.failedPrecondition, "clock \(request.id) was stored meanwhile", field: "id")
            }
            clock.seq = seq
            var recomputed = false
            if let estimate = request.due, request.dueWorkingDays != nil, estimate != clock.due {
                // The caller counted on another calendar: it hears (through intake) the due that holds.
                try ClockStore.insertRecomputation(of: clock, from: estimate, at: now, db)
                recomputed = true
            }
            return (((clock, true), recomputed), clock.heapEntry.map { [$0] } ?? [])
        }
        if recomputed { outbox.ring() }
        return started
    }

    /// Starts many clocks in one transaction (existing ids are skipped) and returns how many were
    /// created: for bulk loads such as the benchmark's million clocks.
    public func startClocks(_ requests: [ClockStart], now: Int64) async throws -> Int {
        for request in requests { try Self.validate(request) }
        return try await write { db in
            let calendar = self.calendar
            var entries: [TimerEntry] = []
            entries.reserveCapacity(requests.count)
            var created = 0
            for request in requests {
                var clock = try self.makeClock(request, now: now, calendar: calendar)
                guard let seq = try ClockStore.insert(clock, ignoringExisting: true, db) else { continue }
                created += 1
                clock.seq = seq
                if let entry = clock.heapEntry { entries.append(entry) }
            }
            return (created, entries)
        }
    }

    static func validate(_ request: ClockStart) throws(SLAError) {
        try require(request.id, "id", maximumLength: 200)
        try require(request.orderID, "order_id", maximumLength: 100)
        guard request.unit.count <= 100 else {
            throw SLAError(.invalidArgument, "unit is longer than 100 characters", field: "unit")
        }
        guard request.cycle >= 0 else { throw SLAError(.invalidArgument, "cycle must not be negative", field: "cycle") }
        if let start = request.start, let due = request.due, due <= start {
            throw SLAError(.invalidArgument, "due_unix_ms must lie after start_unix_ms", field: "due_unix_ms")
        }
    }

    static func require(_ value: String, _ field: String, maximumLength: Int) throws(SLAError) {
        guard !value.isEmpty else { throw SLAError(.invalidArgument, "\(field) is required", field: field) }
        guard value.count <= maximumLength else {
            throw SLAError(.invalidArgument, "\(field) is longer than \(maximumLength) characters", field: field)
        }
    }

    /// A new clock (not yet stored) under the configured policy that fits the request.
    func makeClock(_ request: ClockStart, now: Int64, calendar: WorkingDayCalendar) throws -> ClockRecord {
        let policy = policies.policy(for: request.kind, urgency: request.urgency, orderKind: request.orderKind)
        guard let policyID = catalog.id(ofConfigured: policy.name) else {
            throw DatabaseError(message: "configured policy \(policy.name) is missing from sla_policy")
        }
        let start = request.start ?? now
        let due: Int64
        let provisional: Bool
        let source: ClockRecord.DueSource
        if let days = request.dueWorkingDays {
            guard (1...ActionItem.maximumWorkingDays).contains(days) else {
                throw SLAError(
                    .invalidArgument, "due_working_days must be 1...\(ActionItem.maximumWorkingDays)",
                    field: "due_working_days")
            }
            do {
                let deadline = try calendar.deadline(workingDays: days, from: Date(unixMilliseconds: start))
                (due, provisional, source) = (deadline.instant.unixMilliseconds, deadline.isProvisional, .policy)
            } catch {
                throw SLAError(
                    .invalidArgument, "no deadline from start_unix_ms: \(error.message)", field: "start_unix_ms")
            }
        } else if let given = request.due {
            guard given > start else {
                throw SLAError(.invalidArgument, "due_unix_ms must lie after the start", field: "due_unix_ms")
            }
            (due, provisional, source) = (given, false, .caller)
        } else {
            let deadline: Deadline?
            do {
                deadline = try policy.due.deadline(from: Date(unixMilliseconds: start), calendar: calendar)
            } catch {
                throw SLAError(
                    .invalidArgument, "no deadline from start_unix_ms: \(error.message)", field: "start_unix_ms")
            }
            guard let deadline else {
                throw SLAError(
                    .invalidArgument,
                    "policy \(policy.name) takes its deadline from the caller: due_unix_ms is required",
                    field: "due_unix_ms"
                )
            }
            (due, provisional, source) = (deadline.instant.unixMilliseconds, deadline.isProvisional, .policy)
        }
        var clock = ClockRecord(
            seq: 0,
            id: request.id,
            orderID: request.orderID,
            unit: request.unit,
            kind: request.kind,
            policy: policy,
            policyID: policyID,
            cycle: request.cycle,
            start: start,
            due: due,
            originalDue: due,
            dueSource: source,
            provisional: provisional,
            revision: 0,
            progress: .fresh,
            nextFire: nil,
            stoppedAt: nil,
            stopReason: "",
            createdAt: now,
            dueWorkingDays: request.dueWorkingDays
        )
        clock.nextFire = clock.schedule.next(after: .fresh)?.instant
        return clock
    }
}

extension ClockRecord {
    /// The clock's entry in the scheduler's heap, when it has something left to fire.
    var heapEntry: TimerEntry? {
        nextFire.map { TimerEntry(instant: $0, clock: seq) }
    }
}
