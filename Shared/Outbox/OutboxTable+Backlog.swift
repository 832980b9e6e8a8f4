public import GRDB

extension OutboxTable {
    /// The undelivered entries of one destination: how many, and when the oldest was enqueued.
    public struct Backlog: Sendable, Equatable {
        public var entries: Int
        /// Unix milliseconds.
        public var oldestCreated: Int64

        public init(entries: Int, oldestCreated: Int64) {
            self.entries = entries
            self.oldestCreated = oldestCreated
        }
    }

    /// The backlog of every destination with undelivered (pending or failing) entries.
    public static func backlog(in db: Database) throws -> [String: Backlog] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT destination, count(*) AS entries, min(created_ms) AS oldest FROM outbox_entry
                WHERE state IN ('pending', 'failing') GROUP BY destination
                """
        )
        var backlog: [String: Backlog] = [:]
        for row in rows {
            backlog[row["destination"]] = Backlog(entries: row["entries"], oldestCreated: row["oldest"])
        }
        return backlog
    }
}
