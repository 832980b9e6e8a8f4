import NIOCore
import NIOEmbedded
import Testing

@testable import RPC

/// One timer for a connection's calls, on a virtual clock: each call loses to its own deadline,
/// no sooner, and a call that ended is never failed.
@Suite("RPC call deadlines")
struct CallDeadlinesTests {
    /// Settles `race` for the handler, then tells who won: the deadline if it came first.
    static func winner(_ race: DeadlineRace) async -> String {
        race.finish(.handler(.success([])))
        switch await race.winner() {
        case .deadline: return "deadline"
        case .handler: return "handler"
        }
    }

    @Test func eachCallLosesAtItsOwnDeadlineAndNotBefore() async {
        let loop = NIOAsyncTestingEventLoop()
        let deadlines = CallDeadlines(eventLoop: loop)
        let (late, early, middle) = (DeadlineRace(), DeadlineRace(), DeadlineRace())
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
        let (ended, running) = (DeadlineRace(), DeadlineRace())
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
        let race = DeadlineRace()
        _ = deadlines.watch(race, until: loop.now + .seconds(1))
        deadlines.close()

        await loop.advanceTime(by: .seconds(2))
        #expect(await Self.winner(race) == "handler")
        await loop.shutdownGracefully()
    }
}
