public import GRDB

/// The shared outbox table of a service's database as the sender's store.
public struct SQLiteOutbox: OutboxStore {
    public let database: DatabasePool
    public let table: OutboxTable
    public let policy: OutboxRetryPolicy

    public init(
        database: DatabasePool, table: OutboxTable = OutboxTable(), policy: OutboxRetryPolicy = OutboxRetryPolicy()
    ) {
        self.database = database
        self.table = table
        self.policy = policy
    }

    public var schedulesRetries: Bool { true }

    public func due(at now: Int64, limit: Int, excluding excluded: Set<String>) async throws -> [OutboxEntry] {
        try await database.read { db in try table.due(at: now, limit: limit, excluding: excluded, in: db) }
    }

    public func record(_ outcomes: [(entry: OutboxEntry, result: DeliveryResult)], at now: Int64) async throws {
        try await database.write { db in try table.record(outcomes, at: now, policy: policy, in: db) }
    }

    public func resume(destination: String, at now: Int64) async throws {
        try await database.write { db in try table.resume(destination: destination, at: now, in: db) }
    }

    public func nextAttempt(excluding excluded: Set<String>) async throws -> Int64? {
        try await database.read { db in try table.nextAttempt(excluding: excluded, in: db) }
    }
}

extension OutboxSender where Store == SQLiteOutbox {
    /// Entries for `subanctl outbox list`, with what only the sender knows: which are in flight,
    /// and, for an unreachable destination, when the next probe goes (never a time in the past).
    public func listing(state: OutboxEntry.State?, destinations: [String]? = nil, limit: Int, now: Int64) async throws
        -> [OutboxEntry]
    {
        let status = status
        let table = store.table
        let stored = try await store.database.read { db in
            try table.entries(state: state, destinations: destinations, limit: limit, in: db)
        }
        return stored.compactMap { entry in
            var entry = entry
            if status.inFlight.contains(entry.id), entry.state != OutboxEntry.State.delivered {
                entry.state = .inFlight
            } else if state == .inFlight {
                return nil
            }
            if let next = entry.nextAttemptAt, entry.state != OutboxEntry.State.delivered,
                entry.state != OutboxEntry.State.givenUp
            {
                let probe = status.outages[entry.destination]?.nextProbe ?? next
                entry.nextAttemptAt = max(next, probe, now)
                if let outage = status.outages[entry.destination], entry.lastError.isEmpty {
                    entry.lastError = "waiting for \(entry.destination): \(outage.lastError)"
                }
            }
            return entry
        }
    }
}
