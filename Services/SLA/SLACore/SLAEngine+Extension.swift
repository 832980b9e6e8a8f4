import Domain
import Foundation
import GRDB
import Logging

// Extensions (延期): an approved extension moves the order's handling clock, at most one calendar
// month (the policy set's cap) beyond the ORIGINAL deadline, however many extensions there were.

extension SLAEngine {
    /// Checks and, unless `dryRun`, applies an extension of the order's extendable clock (the
    /// first of `policies.extensionRule.kinds` it has open) to `newDue`, or by `workingDays`
    /// counted from the current deadline's last day.
    ///
    /// Refusals within the rules (beyond the cap, not later than now, clock stopped) are an
    /// answer with `allowed: false` and the reason; a malformed request or an order without such
    /// a clock is an `SLAError`. Applying the same `newDue` again is allowed and changes nothing,
    /// so that a retried approval is harmless.
    ///
    /// A `granted` deadline is the hotline's decision on the bureau's request: it is applied as
    /// given, beyond the cap or not (the decision still carries the cap), so that the order never
    /// has one deadline in intake and another here.
    public func extendClock(
        orderID: String,
        workingDays: Int?,
        newDue: Int64?,
        dryRun: Bool,
        granted: Bool = false,
        now: Int64
    ) async throws -> ExtensionDecision {
        try Self.require(orderID, "order_id", maximumLength: 100)
        if granted, newDue == nil {
            throw SLAError(.invalidArgument, "a granted extension gives new_due_unix_ms", field: "new_due_unix_ms")
        }
        switch (workingDays, newDue) {
        case (.some(let days), nil):
            guard (1...DueRule.maximumWorkingDaysForExtension).contains(days) else {
                throw SLAError(
                    .invalidArgument, "working_days must be 1...\(DueRule.maximumWorkingDaysForExtension)",
                    field: "working_days")
            }
        case (nil, .some(let due)):
            guard due > 0 else {
                throw SLAError(.invalidArgument, "new_due_unix_ms must be positive", field: "new_due_unix_ms")
            }
        default:
            throw SLAError(
                .invalidArgument, "give exactly one of working_days and new_due_unix_ms", field: "working_days")
        }
        return try await write { db in
            let clocks = try ClockStore.fetch(orderID: orderID, db, policies: self.catalog)
            let kinds = self.policies.extensionRule.kinds
            let open = clocks.filter { $0.stoppedAt == nil && kinds.contains($0.kind) }
            guard
                let target = kinds.lazy.compactMap({ kind in open.filter { $0.kind == kind }.max { $0.seq < $1.seq } })
                    .first
            else {
                if let stopped = clocks.filter({ kinds.contains($0.kind) }).max(by: { $0.seq < $1.seq }) {
                    let reason =
                        "the \(stopped.kind.rawValue) clock of order \(orderID) is stopped (\(stopped.stopReason))"
                    return (
                        ExtensionDecision(allowed: false, reason: reason, newDue: newDue ?? 0, cap: 0, clock: stopped),
                        []
                    )
                }
                let names = kinds.map(\.rawValue).joined(separator: ", ")
                throw SLAError(
                    .notFound, "order \(orderID) has no clock that an extension applies to (\(names))",
                    field: "order_id")
            }
            let (decision, provisional) = try self.decide(
                target, workingDays: workingDays, newDue: newDue, granted: granted)
            guard decision.allowed, !dryRun, decision.newDue != target.due else { return (decision, []) }

            var clock = target
            clock.revision += 1
            clock.due = decision.newDue
            clock.dueSource = .extension
            clock.provisional = provisional
            // The moved deadline warns and falls overdue afresh (under `/ext<n>/` ids); the counts of
            // what was sent so far are kept.
            clock.progress = ClockProgress(
                warningsSent: target.progress.warningsSent, remindersSent: target.progress.remindersSent)
            clock.nextFire = clock.schedule.next(after: clock.progress)?.instant
            try ClockStore.updateDeadline(clock, db)
            var applied = decision
            applied.clock = clock
            if decision.newDue > decision.cap {
                self.logger.notice(
                    "sla.clock.extended_beyond_cap",
                    metadata: [
                        "clock.id": "\(clock.id)", "clock.due": "\(clock.due.iso8601)",
                        "clock.cap": "\(decision.cap.iso8601)",
                    ]
                )
            }
            self.logger.info(
                "sla.clock.extended",
                metadata: [
                    "clock.id": "\(clock.id)", "clock.due": "\(clock.due.iso8601)",
                    "clock.revision": "\(clock.revision)",
                ]
            )
            return (applied, clock.heapEntry.map { [$0] } ?? [])
        }
    }

    /// The decision for `clock` without applying it, and whether the new deadline is provisional
    /// (counted in working days over a year whose notice is not loaded).
    private func decide(
        _ clock: ClockRecord,
        workingDays: Int?,
        newDue: Int64?,
        granted: Bool
    ) throws -> (decision: ExtensionDecision, provisional: Bool) {
        let calendar = self.calendar
        let capMonths = policies.extensionRule.capMonths
        let cap: Int64
        let requested: Int64
        var provisional = false
        guard workingDays != nil || newDue != nil else {
            throw SLAError(
                .invalidArgument, "give exactly one of working_days and new_due_unix_ms", field: "working_days")
        }
        do {
            // "24:00 of day D" is stored as 00:00 of D + 1; a millisecond earlier is still day D, the
            // day the original deadline ends on, from which the month and any working days count.
            cap = try calendar.deadline(months: capMonths, from: Date(unixMilliseconds: clock.originalDue - 1)).instant
                .unixMilliseconds
            if let workingDays {
                let deadline = try calendar.deadline(
                    workingDays: workingDays, from: Date(unixMilliseconds: clock.due - 1))
                requested = deadline.instant.unixMilliseconds
                provisional = deadline.isProvisional
            } else {
                requested = newDue ?? clock.due  // never nil: the guard above
            }
        } catch {
            throw SLAError(.invalidArgument, "no extended deadline: \(error.message)", field: "new_due_unix_ms")
        }
        func refuse(_ reason: String) -> (ExtensionDecision, Bool) {
            (ExtensionDecision(allowed: false, reason: reason, newDue: requested, cap: cap, clock: clock), provisional)
        }
        if granted {
            return (ExtensionDecision(allowed: true, reason: "", newDue: requested, cap: cap, clock: clock), false)
        }
        if requested == clock.due, clock.revision > 0 {
            return (
                ExtensionDecision(allowed: true, reason: "", newDue: requested, cap: cap, clock: clock),
                clock.provisional
            )
        }
        guard requested > clock.due else {
            return refuse(
                "the new deadline \(requested.iso8601) is not after the current deadline \(clock.due.iso8601)")
        }
        guard requested <= cap else {
            let months = capMonths == 1 ? "1 month" : "\(capMonths) months"
            return refuse(
                "the new deadline \(requested.iso8601) is more than \(months) beyond the original deadline "
                    + "\(clock.originalDue.iso8601); the latest allowed is \(cap.iso8601)"
            )
        }
        return (ExtensionDecision(allowed: true, reason: "", newDue: requested, cap: cap, clock: clock), provisional)
    }
}

extension DueRule {
    /// An extension in working days longer than this is surely a typing slip (the cap is months).
    static let maximumWorkingDaysForExtension = 1_000
}
