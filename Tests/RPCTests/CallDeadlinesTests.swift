import NIOCore
import NIOEmbedded
import TestSupport
import Testing

@testable import RPC

/// One timer for a connection's calls, on a virtual clock: each call loses to its own deadline,
/// no sooner, and a call that ended is never failed.
@Suite("RPC call deadlines")
struct CallDeadlinesTests {
    /// Runs a handler that ends at once in `race`, then tells who won: the deadline if it came first.
    static func winner(_ race: DeadlineRace) async -> String {
        await race.run { [] } == nil ? "deadline" : "handler"
    }

    static func race() -> DeadlineRace {
        DeadlineRace {}
    }

    @Test func eachCallLosesAtItsOwnDeadlineAndNotBefore() async {
        let loop = NIOAsyncTestingEventLoop()
        let deadlines = CallDeadlines(eventLoop: loop)
        let (late, early, middle) = (Self.race(), Self.race(), Self.race())
        _ = deadlines.watch(late, until: loop.now + .seconds(10))
        _ = deadlines.watch(early, until: loop.now + .seconds(1))
        _ = deadlines.watch(middle, until: loop.now + .seconds(5))

        await loop.advanceTime(by: .seconds(1))
        #expect(await Self.winner(early) == "deadline")
        await loop.advanceTime(by: .seconds(4))
        #expect(await Self.winner(middle) == "deadline")
        await loop.advanceTime(by: .seconds(4))
        #expect(await Self.winner(late) == "handler")
        await loop.shutdownGracefully()
    }

    @Test func anUnwatchedCallIsNeverFailedAndTheOthersStillAre() async {
        let loop = NIOAsyncTestingEventLoop()
        let deadlines = CallDeadlines(eventLoop: loop)
        let (ended, running) = (Self.race(), Self.race())
        let token = deadlines.watch(ended, until: loop.now + .seconds(1))
        _ = deadlines.watch(running, until: loop.now + .seconds(2))
        deadlines.unwatch(token)

        await loop.advanceTime(by: .seconds(2))
        #expect(await Self.winner(ended) == "handler")
        #expect(await Self.winner(running) == "deadline")
        await loop.shutdownGracefully()
    }

    @Test func aClosedConnectionLeavesNoTimerBehind() async {
        let loop = NIOAsyncTestingEventLoop()
        let deadlines = CallDeadlines(eventLoop: loop)
        let race = Self.race()
        _ = deadlines.watch(race, until: loop.now + .seconds(1))
        deadlines.close()

        await loop.advanceTime(by: .seconds(2))
        #expect(await Self.winner(race) == "handler")
        await loop.shutdownGracefully()
    }

    @Test(.timeLimit(.minutes(1)))
    func aDeadlineCancelsTheRunningHandlerAndAnswersOnItsOwn() async {
        let loop = NIOAsyncTestingEventLoop()
        let deadlines = CallDeadlines(eventLoop: loop)
        let (started, cancelled, answered) = (Gate(), Gate(), Gate())
        let race = DeadlineRace { answered.open() }
        _ = deadlines.watch(race, until: loop.now + .seconds(1))
        // In a task of its own, as each call runs in its own: the deadline cancels that task.
        async let outcome = race.run {
            started.open()
            await withTaskCancellationHandler {
                await cancelled.wait()
            } onCancel: {
                cancelled.open()
            }
            return [1]
        }
        await started.wait()
        await loop.advanceTime(by: .seconds(1))
        await answered.wait()
        #expect(await outcome == nil, "the handler's late result is dropped")
        await loop.shutdownGracefully()
    }
}
