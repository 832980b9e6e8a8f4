import Domain
import Foundation
import GRDB

extension CaseStore {
    /// What `coordination.list_cases` filters on.
    struct Filter: Sendable {
        var activeOnly = false
        var greenChannelOnly = false
        var unit: String?
        /// Only cases with an open action item due at or before this instant.
        var overdueAt: Date?
    }

    /// Cases matching `filter`, most recently changed first.
    static func list(_ filter: Filter, limit: Int, in db: Database) throws -> [Record] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if filter.activeOnly { conditions.append("c.state NOT IN ('compiled', 'cancelled')") }
        if filter.greenChannelOnly {
            conditions.append("c.track = ?")
            arguments.append(WorkOrder.Track.greenChannel.rawValue)
        }
        if let unit = filter.unit {
            conditions.append("EXISTS (SELECT 1 FROM case_unit u WHERE u.case_id = c.id AND u.unit = ?)")
            arguments.append(unit)
        }
        if let overdueAt = filter.overdueAt {
            conditions.append("EXISTS (SELECT 1 FROM open_action_item i WHERE i.case_id = c.id AND i.due_at <= ?)")
            arguments.append(overdueAt.timeIntervalSince1970)
        }
        let sql = """
            SELECT c.body, c.reply_delivery, c.reply_error FROM coordination_case c
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY c.updated_at DESC, c.id DESC LIMIT ?
            """
        arguments.append(limit)
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(record(from:))
    }

    /// Pending meetings of any case that overlap `slot` and invite at least one of `units`: the candidates that
    /// conflict detection looks at.
    static func pendingMeetings(overlapping slot: Meeting.Slot, units: [String], in db: Database) throws
        -> [MeetingConflict.Candidate]
    {
        let rows = try Row.fetchAll(
            db,
            sql:
                "SELECT meeting_id, case_id, starts_at, ends_at, units FROM pending_meeting WHERE starts_at < ? AND ends_at > ?",
            arguments: [slot.end.timeIntervalSince1970, slot.start.timeIntervalSince1970]
        )
        return rows.compactMap { row in
            let invited = (row["units"] as String).split(separator: ",").map(String.init)
            guard invited.contains(where: units.contains) else { return nil }
            return MeetingConflict.Candidate(
                meetingID: row["meeting_id"], caseID: row["case_id"],
                slot: Meeting.Slot(
                    start: Date(timeIntervalSince1970: row["starts_at"]),
                    end: Date(timeIntervalSince1970: row["ends_at"])),
                units: invited
            )
        }
    }

    /// The conflicts of every pending meeting of `coordination`, by meeting id.
    static func conflicts(of coordination: CoordinationCase, in db: Database) throws -> [String: [MeetingConflict]] {
        var result: [String: [MeetingConflict]] = [:]
        for meeting in coordination.meetings where meeting.isPending {
            let candidates = try pendingMeetings(overlapping: meeting.slot, units: meeting.invitedUnits, in: db)
            let found = MeetingConflict.conflicts(of: .init(meeting, caseID: coordination.id), among: candidates)
            if !found.isEmpty { result[meeting.id] = found }
        }
        return result
    }
}
