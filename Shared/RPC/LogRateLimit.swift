import NIOCore

/// At most `limit` log lines per `window`; the lines beyond are counted, and the count goes with
/// the first line of a later window. A pure decision over the times it is given.
struct LogRateLimit: Sendable {
    enum Decision: Equatable {
        /// Log this line; `suppressedBefore` lines were dropped since the previous one, and
        /// `isLastOfWindow` says the lines after it will be dropped until the window ends.
        case log(suppressedBefore: Int, isLastOfWindow: Bool)
        case suppress
    }

    let limit: Int
    let window: TimeAmount
    private var windowStart: NIODeadline?
    private var loggedInWindow = 0
    private var suppressed = 0

    init(limit: Int, window: TimeAmount = .minutes(1)) {
        self.limit = max(1, limit)
        self.window = window
    }

    mutating func admit(at now: NIODeadline) -> Decision {
        if let start = windowStart, now - start < window {
            guard loggedInWindow < limit else {
                suppressed += 1
                return .suppress
            }
        } else {
            windowStart = now
            loggedInWindow = 0
        }
        loggedInWindow += 1
        defer { suppressed = 0 }
        return .log(suppressedBefore: suppressed, isLastOfWindow: loggedInWindow == limit)
    }
}
