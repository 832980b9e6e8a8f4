import TestSupport
import Testing

@testable import Outbox

@Suite("Outbox sender: batches", .timeLimit(.minutes(1)))
struct OutboxBatchingTests {
    @Test("due entries of a batch method go in batches; a refused one is given up, the others delivered")
    func refusedEntryInABatchLeavesTheOthers() async throws {
        let methods: Set<String> = ["s1", "s2", "s3", "s4", "s5"]
        let fixture = try OutboxFixture(batchMethods: methods)
        for number in 1...5 { try fixture.enqueue("s\(number)", key: "order-\(number)") }
        fixture.receiver.answer("s2", with: [.refused("no such unit")])
        try await fixture.running {
            let first = await fixture.rounds.wait(forCount: 1)[0]
            #expect(first.count == 5)
            #expect(first["s2"] == .refused("no such unit"))
            #expect(first.filter { $0.value == .delivered }.count == 4)
        }
        #expect(Set(fixture.batchCalls.items) == [["s1", "s2", "s3"], ["s4", "s5"]])
        #expect(try fixture.entries(.givenUp).map(\.message.method) == ["s2"])
        #expect(try fixture.entries(.delivered).count == 4)
    }

    @Test("an order's later entries wait for its batched first one, and follow it when it is delivered")
    func orderingKeyIsKeptAroundABatch() async throws {
        let fixture = try OutboxFixture(batchMethods: ["s1", "s2", "s3"])
        try fixture.enqueue("s1", key: "order-1")
        try fixture.enqueue("after-1", key: "order-1")
        try fixture.enqueue("s2", key: "order-2")
        try fixture.enqueue("after-2", key: "order-2")
        fixture.receiver.answer("s1", with: [.failed("busy"), .delivered])
        try await fixture.running {
            let first = await fixture.rounds.wait(forCount: 1)[0]
            #expect(first == ["s1": .failed("busy"), "s2": .delivered, "after-2": .delivered])
            await fixture.clock.waitForSleepers(1)
            fixture.advance(bySeconds: 60)
            let second = await fixture.rounds.wait(forCount: 2)[1]
            #expect(second == ["s1": .delivered, "after-1": .delivered])
        }
        let attempts = fixture.receiver.attempts.items
        #expect(attempts == ["s1", "s2", "after-2", "s1", "after-1"])
        // Alone in its round, s1 went on its own: a batch of one is a plain call.
        #expect(fixture.batchCalls.items == [["s1", "s2"]])
    }

    @Test("a receiver without the batch method gets each entry on its own, and is not asked again at once")
    func receiverWithoutBatchesGetsSingleCalls() async throws {
        let fixture = try OutboxFixture(batchMethods: ["s1", "s2", "s3", "s4"], supportsBatches: false)
        try fixture.enqueue("s1", key: "order-1")
        try fixture.enqueue("s2", key: "order-2")
        try await fixture.running {
            let first = await fixture.rounds.wait(forCount: 1)[0]
            #expect(first == ["s1": .delivered, "s2": .delivered])
            try fixture.enqueue("s3", key: "order-3")
            try fixture.enqueue("s4", key: "order-4")
            fixture.sender.wakeUp()
            // The sender may find s3 before s4 was written: they go in one round or two.
            var later: [String: DeliveryResult] = [:]
            var count = 1
            while later.count < 2 {
                count += 1
                later.merge(await fixture.rounds.wait(forCount: count)[count - 1]) { $1 }
            }
            #expect(later == ["s3": .delivered, "s4": .delivered])
        }
        #expect(fixture.batchCalls.items == [["s1", "s2"]])
        #expect(try fixture.entries(.delivered).count == 4)
    }

    @Test("a round's plan: lane heads of one batch key in batches, the rest of each lane after its head")
    func roundPlan() {
        struct Item: OutboxItem {
            var id: Int64
            var destination = "sla"
            var orderingKey: String?
            var method: String
        }
        let due = [
            Item(id: 1, orderingKey: "o1", method: "start"), Item(id: 2, orderingKey: "o1", method: "stop"),
            Item(id: 3, orderingKey: "o2", method: "stop"), Item(id: 4, orderingKey: "o2", method: "start"),
            Item(id: 5, orderingKey: "o3", method: "start"), Item(id: 6, orderingKey: nil, method: "start"),
        ]
        let batching = OutboxBatching<Item>(
            maximumSize: 2, key: { $0.method == "start" ? "sla start" : nil }, deliver: { _ in .unsupported })
        let round = OutboxRound(due, batching: batching)
        // Three heads, two a batch at most: the one left over goes on its own.
        #expect(round.batches.map { $0.entries.map(\.id) } == [[1, 5]])
        #expect(round.batches.map { $0.tails.map { $0.map(\.id) } } == [[[2], []]])
        #expect(round.lanes.map { $0.map(\.id) } == [[3, 4], [6]])

        let unbatched = OutboxRound(due, batching: batching, unbatched: ["sla start"])
        #expect(unbatched.batches.isEmpty)
        #expect(unbatched.lanes.map { $0.map(\.id) } == [[1, 2], [3, 4], [5], [6]])
    }
}
