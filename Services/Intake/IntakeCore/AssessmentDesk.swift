import Assessment
import Domain
import Foundation
import GRDB
import Outbox
import RPC
import WireProtocol

/// Reports and daily digests of the assessment (考评), over the intake database's projection.
struct AssessmentDesk: Sendable {
    let store: AssessmentStore
    let scheme: PointsScheme
    let outboxChanged: @Sendable () -> Void

    /// The units assessed when a caller names none: the shipped directory's.
    static let shippedUnitNames = Dictionary(
        uniqueKeysWithValues: UnitDirectory.shipped.units.map { ($0.code, $0.name) })

    func report(period: ReportPeriod, unit: String?, asOf: Date, unitNames: [String: String]) throws -> AssessmentReport
    {
        let names = unitNames.isEmpty ? Self.shippedUnitNames : unitNames
        if let unit, names[unit] == nil {
            throw RPCError(
                .invalidArgument, "unit \(unit) is not assessed",
                fieldViolations: [
                    FieldViolation(
                        field: "unit", code: "unknown_value",
                        message: "one of \(names.keys.sorted().joined(separator: ", "))")
                ]
            )
        }
        return try AssessmentReport.build(
            period: period, unit: unit, asOf: asOf, source: store, settings: .init(scheme: scheme, unitNames: names)
        )
    }

    /// Queues the digest of `day` for every unit head, once: the day is recorded in the same
    /// transaction as the notifications, so a restart never sends it twice. Returns how many
    /// notifications it queued (0 when the day's digest went out before and `resend` is false).
    /// With `skipQuiet`, a month without a single order so far (a new installation) mails nobody.
    func queueDigest(of day: LocalDate, resend: Bool, skipQuiet: Bool = false, now: Date) throws -> Int {
        let asOf = min(now, day.addingClamped(days: 1).startInstant.addingTimeInterval(-0.001))
        let report = try report(period: .month(containing: day), unit: nil, asOf: asOf, unitNames: [:])
        let quiet = skipQuiet && report.bureau.figures.received == 0 && report.bureau.figures.overdueNow == 0
        let queued = try store.database.write { db -> Int in
            let sent =
                try Bool.fetchOne(db, sql: "SELECT 1 FROM digest_sent WHERE day = ?", arguments: [day.description])
                ?? false
            if sent && !resend { return 0 }
            let notifications = quiet ? [] : DigestComposer.notifications(report, day: day, resend: sent ? now : nil)
            try IntakeOutbox.enqueue(NotificationCommands.messages(notifications), at: now, in: db)
            try db.execute(
                sql: "INSERT OR REPLACE INTO digest_sent (day, sent_at, units) VALUES (?, ?, ?)",
                arguments: [day.description, now.timeIntervalSince1970, notifications.count]
            )
            return notifications.count
        }
        if queued > 0 { outboxChanged() }
        return queued
    }

    /// Whether the digest of `day` was queued.
    func digestSent(of day: LocalDate) throws -> Bool {
        try store.database.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM digest_sent WHERE day = ?", arguments: [day.description]) ?? false
        }
    }
}
