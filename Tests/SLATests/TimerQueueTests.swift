import Outbox
import Testing

@testable import SLACore

/// The scheduler's heap: due entries come out earliest first, ties by clock, at most `limit` at a time.
@Suite("SLA timer queue", .timeLimit(.minutes(1)))
struct TimerQueueTests {
    static func entry(_ instant: Int64, _ clock: Int64) -> TimerEntry {
        TimerEntry(instant: instant, clock: clock)
    }

    @Test func dueEntriesComeOutEarliestFirstAndTiesInClockOrder() {
        let queue = TimerQueue()
        queue.schedule([Self.entry(30, 2), Self.entry(10, 9), Self.entry(30, 1), Self.entry(20, 5), Self.entry(40, 3)])
        #expect(queue.earliest == 10)
        #expect(
            queue.popDue(now: 30, limit: 10) == [
                Self.entry(10, 9), Self.entry(20, 5), Self.entry(30, 1), Self.entry(30, 2),
            ])
        #expect(queue.count == 1)
        #expect(queue.popDue(now: 39, limit: 10).isEmpty, "nothing else is due yet")
        #expect(queue.earliest == 40)
    }

    @Test func popDueStopsAtItsLimitAndLeavesTheRest() {
        let queue = TimerQueue()
        queue.schedule((1...5).map { Self.entry(100, $0) })
        #expect(queue.popDue(now: 100, limit: 2) == [Self.entry(100, 1), Self.entry(100, 2)])
        #expect(queue.popDue(now: 100, limit: 10) == [Self.entry(100, 3), Self.entry(100, 4), Self.entry(100, 5)])
        #expect(queue.earliest == nil)
    }

    @Test func aStaleEntryStaysUntilItComesUp() {
        // Stopping or moving a clock leaves its old entry; the engine drops it when it is popped.
        let queue = TimerQueue()
        queue.schedule([Self.entry(50, 7)])
        queue.schedule([Self.entry(80, 7)])
        #expect(queue.count == 2)
        #expect(queue.popDue(now: 80, limit: 10) == [Self.entry(50, 7), Self.entry(80, 7)])
    }

    @Test func replaceAllDropsWhatWasThere() {
        let queue = TimerQueue()
        queue.schedule([Self.entry(1, 1), Self.entry(2, 2)])
        queue.replaceAll([Self.entry(9, 3), Self.entry(5, 4)])
        #expect(queue.count == 2)
        #expect(queue.popDue(now: 10, limit: 10) == [Self.entry(5, 4), Self.entry(9, 3)])
    }

    @Test func manyRandomEntriesComeOutSorted() {
        var generator = SystemRandomNumberGenerator()
        let queue = TimerQueue()
        var all: [TimerEntry] = []
        for _ in 0..<20 {
            let batch = (0..<Int.random(in: 0...500, using: &generator)).map { _ in
                Self.entry(Int64.random(in: 0...1_000, using: &generator), Int64.random(in: 0...50, using: &generator))
            }
            all += batch
            queue.schedule(batch)
        }
        var popped: [TimerEntry] = []
        var now: Int64 = 0
        while queue.earliest != nil {
            popped += queue.popDue(now: now, limit: 64)
            now += 37
        }
        #expect(popped == all.sorted())
    }

    @Test func anEntryEarlierThanTheEarliestRingsTheDoorbell() async {
        let queue = TimerQueue()
        queue.schedule([Self.entry(100, 1)])
        await queue.doorbell.wait()  // the first entry rang
        queue.schedule([Self.entry(50, 2)])
        await queue.doorbell.wait()  // so did the earlier one; a missing ring would hang here
        #expect(queue.earliest == 50)
    }
}
