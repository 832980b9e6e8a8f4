import GRDB
import Outbox
import TestSupport
import Testing

@Suite("Outbox sender", .timeLimit(.minutes(1)))
struct OutboxSenderTests {
    @Test("an entry waits for the earlier entry of its ordering key; other keys go on")
    func orderingKeyWaitsForItsHead() async throws {
        let fixture = try OutboxFixture()
        try fixture.enqueue("a", key: "order-1")
        try fixture.enqueue("b", key: "order-1")
        try fixture.enqueue("c", key: "order-2")
        fixture.receiver.answer("a", with: [.failed("busy"), .delivered])
        try await fixture.running {
            let first = await fixture.rounds.wait(forCount: 1)[0]
            #expect(first["a"] == .failed("busy"))
            #expect(first["c"] == .delivered)
            #expect(first["b"] == nil)
            let waiting = try fixture.entries(.pending).map(\.message.method)
            #expect(waiting == ["a", "b"])
            await fixture.clock.waitForSleepers(1)
            fixture.advance(bySeconds: 60)
            _ = await fixture.rounds.wait(forCount: 2)
        }
        let attempts = fixture.receiver.attempts.items
        #expect(attempts.filter { $0 == "a" }.count == 2)
        #expect(attempts.lastIndex(of: "a")! < attempts.firstIndex(of: "b")!)
        #expect(try fixture.entries(.delivered).count == 3)
    }

    @Test("an unreachable destination gets one probe at a time, then everything waiting for it goes at once")
    func unreachableDestinationIsProbedThenResumed() async throws {
        let fixture = try OutboxFixture()
        for number in 1...5 { try fixture.enqueue("p\(number)", to: "down") }
        try fixture.enqueue("q", to: "up")
        fixture.receiver.setDown("down", true)
        try await fixture.running {
            // One round per destination.
            let first = await fixture.rounds.wait(forCount: 2).reduce(into: [:]) { $0.merge($1) { $1 } }
            #expect(first["q"] == .delivered)
            #expect(first.values.filter { $0 == .unreachable("connection refused") }.count == 5)

            await fixture.clock.waitForSleepers(1)
            fixture.advance(bySeconds: 3)
            let probe = await fixture.rounds.wait(forCount: 3)[2]
            #expect(probe.count == 1)

            let now = fixture.clock.now.unixMilliseconds
            let listed = try await fixture.sender.listing(state: nil, limit: 100, now: now)
            #expect(listed.count == 5)
            #expect(listed.allSatisfy { ($0.nextAttemptAt ?? 0) >= now })

            fixture.receiver.setDown("down", false)
            await fixture.clock.waitForSleepers(1)
            fixture.advance(bySeconds: 3)
            let resumed = await fixture.rounds.wait(forCount: 5)
            let deliveredAfterOutage = resumed[3...].flatMap { $0.filter { $0.value == .delivered }.keys }
            #expect(Set(deliveredAfterOutage) == ["p1", "p2", "p3", "p4", "p5"])
        }
        #expect(try fixture.entries().isEmpty)
    }

    @Test("a destination slow to answer holds back only its own entries")
    func slowDestinationHoldsBackOnlyItsOwn() async throws {
        let fixture = try OutboxFixture()
        let console = fixture.receiver.hold("console")
        try fixture.enqueue("notify", to: "console")
        try await fixture.running {
            _ = await fixture.receiver.held.wait(forCount: 1)
            try fixture.enqueue("start_clock", to: "sla")
            fixture.sender.wakeUp()
            #expect(await fixture.rounds.wait(forCount: 1)[0] == ["start_clock": .delivered])
            #expect(try fixture.entries(.pending).map(\.message.method) == ["notify"])
            console.open()
            #expect(await fixture.rounds.wait(forCount: 2)[1] == ["notify": .delivered])
        }
        #expect(try fixture.entries(.delivered).count == 2)
    }

    @Test("a refused entry is given up without holding its key back, and goes again when retried")
    func refusedEntryIsGivenUpAndRetried() async throws {
        let fixture = try OutboxFixture()
        let refused = try #require(try fixture.enqueue("a", key: "order-1"))
        try fixture.enqueue("b", key: "order-1")
        fixture.receiver.answer("a", with: [.refused("no such order"), .delivered])
        try await fixture.running {
            let first = await fixture.rounds.wait(forCount: 1)[0]
            #expect(first == ["a": .refused("no such order"), "b": .delivered])
            let givenUp = try fixture.entries(.givenUp)
            #expect(givenUp.map(\.message.method) == ["a"])
            #expect(givenUp.first?.lastError == "no such order")
            let now = fixture.clock.now.unixMilliseconds
            let retried = try await fixture.database.write { db in
                try fixture.store.table.retry(refused, at: now, in: db)
            }
            #expect(retried == 1)
            fixture.sender.wakeUp()
            #expect(await fixture.rounds.wait(forCount: 2)[1] == ["a": .delivered])
        }
    }

    @Test("an entry that keeps failing is listed as failing, with its next attempt ahead")
    func failingEntryIsListedTruthfully() async throws {
        let fixture = try OutboxFixture()
        try fixture.enqueue("a")
        fixture.receiver.answer("a", with: [.failed("internal error")])
        try await fixture.running {
            for round in 1...3 {
                _ = await fixture.rounds.wait(forCount: round)
                await fixture.clock.waitForSleepers(1)
                if round < 3 { fixture.advance(bySeconds: 60) }
            }
            let now = fixture.clock.now.unixMilliseconds
            let listed = try await fixture.sender.listing(state: .failing, limit: 10, now: now)
            #expect(listed.map(\.attempts) == [3])
            #expect(listed.first?.lastError == "internal error")
            #expect((listed.first?.nextAttemptAt ?? 0) > now)
        }
    }

    @Test("enqueueing a deduplication key twice stores one entry")
    func deduplicationKey() throws {
        let fixture = try OutboxFixture()
        #expect(try fixture.enqueue("a", dedup: "message-1") != nil)
        #expect(try fixture.enqueue("a", dedup: "message-1") == nil)
        #expect(try fixture.entries().count == 1)
    }
}

@Suite("Outbox retry policy")
struct OutboxRetryPolicyTests {
    let policy = OutboxRetryPolicy(
        initialDelay: .seconds(1), maximumDelay: .seconds(60), maximumProbeInterval: .seconds(3), failingAfter: 3)

    @Test("delays double from the initial one, with jitter in the upper half, up to the cap")
    func delays() {
        #expect(policy.delay(afterFailedAttempts: 1, unit: 1) == .seconds(1))
        #expect(policy.delay(afterFailedAttempts: 1, unit: 0) == .milliseconds(500))
        #expect(policy.delay(afterFailedAttempts: 3, unit: 1) == .seconds(4))
        #expect(policy.delay(afterFailedAttempts: 40, unit: 1) == .seconds(60))
        #expect(policy.delay(afterFailedAttempts: 40, unit: 0) == .seconds(30))
    }

    @Test("probes of an unreachable destination stay within the short interval")
    func probes() {
        #expect(policy.probeDelay(afterFailedProbes: 1, unit: 1) == .seconds(1))
        #expect(policy.probeDelay(afterFailedProbes: 30, unit: 1) == .seconds(3))
    }

    @Test("failing after the configured number of attempts")
    func failing() {
        #expect(!policy.isFailing(attempts: 2))
        #expect(policy.isFailing(attempts: 3))
    }
}
