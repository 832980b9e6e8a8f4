import Foundation
import Synchronization

/// Limits failed sign-ins per client address: a fixed window of `limit` a minute. The console's
/// own lockout guards each account; this guards the page against one address trying many
/// accounts. An attempt counts when it starts (so that concurrent guesses cannot slip past) and is
/// given back when it succeeds: a whole shift signing in through one proxy is never held up.
final class SignInThrottle: Sendable {
    struct Window {
        var start: Date
        var attempts: Int
    }

    let limit: Int
    let window: TimeInterval
    /// Past this many addresses, windows that have ended are forgotten.
    static let remembered = 10_000
    private let windows = Mutex([String: Window]())

    init(limit: Int = 10, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// Counts an attempt from `address`; the seconds to wait when it is one too many, else nil.
    func attempt(from address: String, now: Date = Date()) -> Int? {
        windows.withLock { windows in
            if windows.count > Self.remembered {
                windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
            }
            var current = windows[address] ?? Window(start: now, attempts: 0)
            if now.timeIntervalSince(current.start) >= window { current = Window(start: now, attempts: 0) }
            current.attempts += 1
            windows[address] = current
            guard current.attempts > limit else { return nil }
            return max(1, Int((window - now.timeIntervalSince(current.start)).rounded(.up)))
        }
    }

    /// Gives back the attempt of a sign-in from `address` that succeeded.
    func succeeded(from address: String) {
        windows.withLock { windows in
            if let current = windows[address], current.attempts > 0 {
                windows[address]?.attempts = current.attempts - 1
            }
        }
    }
}
