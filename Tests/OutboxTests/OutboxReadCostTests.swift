import GRDB
import Outbox
import TestSupport
import Testing

/// The sender reads due entries often (every enqueue rings it); a destination it leaves out (lost,
/// or busy with a slow round) can hold thousands of entries, which those reads must not walk.
@Suite("Outbox reads by destination")
struct OutboxReadCostTests {
    @Test("due entries and the next attempt of the others are read by index past an excluded backlog")
    func excludedBacklogIsNotWalked() async throws {
        let fixture = try OutboxFixture()
        for number in 0..<300 { try fixture.enqueue("notify-\(number)", to: "gateway") }
        let clockStarts = try (0..<3).map {
            try #require(try fixture.enqueue("start-\($0)", to: "sla", key: "order-\($0)"))
        }
        let recorder = StatementRecorder(recording: fixture.database)
        let now = fixture.clock.now.unixMilliseconds
        let (due, next) = try await fixture.database.write { db in
            (
                try fixture.store.table.due(at: now, limit: 256, excluding: ["gateway"], in: db),
                try fixture.store.table.nextAttempt(excluding: ["gateway"], in: db)
            )
        }
        #expect(due.map(\.id) == clockStarts)
        #expect(next == now)

        // Every step over the table seeks one destination (or the next one) in the destination
        // index, or an order's earlier entries: none ranges over every destination's due entries
        // (`outbox_entry_due`), which is what walked the excluded backlog. The only scan is of the
        // recursive query's own rows, one per destination.
        let steps = try recorder.plans(in: fixture.database).flatMap { statement in
            statement.plan.filter { $0.contains("outbox_entry") || $0.hasPrefix("SCAN ") }
        }
        #expect(!steps.isEmpty)
        let unbounded = steps.filter { step in
            step != "SCAN destinations" && !step.contains("outbox_entry_destination (destination")
                && !step.contains("USING INDEX outbox_entry_destination") && !step.contains("outbox_entry_ordering")
        }
        #expect(unbounded.isEmpty, "\(steps)")
    }

    @Test("with nothing left out, the oldest due entries of every destination come first, up to the limit")
    func dueEntriesAcrossDestinationsAreOldestFirst() async throws {
        let fixture = try OutboxFixture()
        var ids: [Int64] = []
        for number in 0..<6 {
            ids.append(try #require(try fixture.enqueue("m\(number)", to: number.isMultiple(of: 2) ? "a" : "b")))
        }
        let now = fixture.clock.now.unixMilliseconds
        let due = try await fixture.database.read { db in
            try fixture.store.table.due(at: now, limit: 4, excluding: [], in: db)
        }
        #expect(due.map(\.id) == Array(ids.prefix(4)))
    }
}
