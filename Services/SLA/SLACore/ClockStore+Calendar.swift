import Domain
import Foundation
import GRDB

// Holiday years loaded by the administrator.

extension ClockStore {
    /// Every loaded year, oldest first (each was validated before it was stored).
    static func loadedYears(_ db: Database) throws -> [HolidayYear] {
        try Row.fetchAll(db, sql: "SELECT year, json FROM sla_calendar_year ORDER BY year").map { row in
            let json: Data = row[1]
            do {
                return try HolidayYear.decode(jsonBytes: json)
            } catch {
                throw DatabaseError(message: "stored holiday year \(row[0] as Int) no longer validates: \(error)")
            }
        }
    }

    /// When each loaded year was loaded (Unix ms), by year.
    static func loadTimes(_ db: Database) throws -> [Int: Int64] {
        var times: [Int: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT year, loaded_ms FROM sla_calendar_year") {
            times[row[0]] = row[1]
        }
        return times
    }

    /// Stores (or replaces) a validated year.
    static func storeYear(_ year: Int, json: Data, at now: Int64, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO sla_calendar_year (year, json, loaded_ms) VALUES (?, ?, ?)",
            arguments: [year, json, now]
        )
    }

    /// Open clocks whose deadline came from a policy rule, is not yet overdue, and ends after
    /// `instant`: the only ones a change to a year starting at `instant` can move.
    static func recomputable(endingAfter instant: Int64, _ db: Database, policies: PolicyCatalog) throws
        -> [ClockRecord]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(columns) FROM sla_clock
                WHERE stopped_ms IS NULL AND due_source = 'policy' AND overdue_sent = 0 AND due_ms > ?
                """,
            arguments: [instant]
        ).map { try record($0, policies: policies) }
    }
}
