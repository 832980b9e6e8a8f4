import NIOCore
import Synchronization

/// The deadlines of one connection's running calls, watched by one event-loop timer set for the
/// earliest of them instead of one timer per call.
///
/// A timer scheduled from a call's task wakes the event loop, and cancelling it searches the
/// loop's timer heap under the loop's lock: at tens of thousands of calls a second that was a
/// wake-up and a contended lock per call. A connection's calls mostly carry the same timeout, so a
/// new call's deadline is rarely the earliest: watching it is a dictionary insert, and the timer
/// stays as it is. When the timer fires, the calls due lose their race and it is set again for
/// the earliest left.
final class CallDeadlines: Sendable, NIOScheduledCallbackHandler {
    /// What `watch` hands out for `unwatch`: a number of this connection's own, since a peer may
    /// reuse call ids.
    struct Token: Hashable, Sendable {
        fileprivate var value: UInt64
    }

    private struct Watched {
        var deadline: NIODeadline
        var race: DeadlineRace
    }

    private struct Timer {
        var deadline: NIODeadline
        var callback: NIOScheduledCallback
    }

    private struct State {
        var watched: [Token: Watched] = [:]
        var nextToken: UInt64 = 0
        var timer: Timer?
        var closed = false
    }

    private let eventLoop: any EventLoop
    private let state = Mutex(State())

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Makes `race` lose to the deadline once `deadline` passes, unless `unwatch` comes first.
    func watch(_ race: DeadlineRace, until deadline: NIODeadline) -> Token {
        state.withLock { state in
            let token = Token(value: state.nextToken)
            state.nextToken &+= 1
            state.watched[token] = Watched(deadline: deadline, race: race)
            if state.closed { return token }
            if let timer = state.timer, timer.deadline <= deadline { return token }
            setTimer(at: deadline, &state)
            return token
        }
    }

    /// Stops watching a call that ended; its entry goes, the timer stays for the others.
    func unwatch(_ token: Token) {
        _ = state.withLock { $0.watched.removeValue(forKey: token) }
    }

    /// The connection ended: no timer is left behind holding it.
    func close() {
        state.withLock { state in
            state.closed = true
            state.timer?.callback.cancel()
            state.timer = nil
        }
    }

    func handleScheduledCallback(eventLoop: some EventLoop) {
        let due: [DeadlineRace] = state.withLock { state in
            // The timer fired because its deadline came; the loop's clock may say more.
            let now = max(state.timer?.deadline ?? eventLoop.now, eventLoop.now)
            var dueTokens: [Token] = []
            var earliest: NIODeadline?
            for (token, watched) in state.watched {
                if watched.deadline <= now {
                    dueTokens.append(token)
                } else if earliest.map({ watched.deadline < $0 }) ?? true {
                    earliest = watched.deadline
                }
            }
            let due = dueTokens.compactMap { state.watched.removeValue(forKey: $0)?.race }
            state.timer?.callback.cancel()  // a no-op unless a replaced timer fired
            state.timer = nil
            if let earliest, !state.closed { setTimer(at: earliest, &state) }
            return due
        }
        for race in due { race.expire() }
    }

    private func setTimer(at deadline: NIODeadline, _ state: inout State) {
        state.timer?.callback.cancel()
        // Fails only on an event loop that has shut down, when the connection is gone anyway.
        state.timer = (try? eventLoop.scheduleCallback(at: deadline, handler: self)).map {
            Timer(deadline: deadline, callback: $0)
        }
    }
}
