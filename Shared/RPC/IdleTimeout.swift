import NIOCore

/// When an idle connection is let go: once it has had no call running and no byte read for
/// `timeout`, the server announces that it is going away (the shutdown notice, call id 0), so
/// that a Suban client takes no new call on it and closes it itself; a call the client sent
/// before it heard is still answered. A connection still idle `grace` after the notice (a client
/// that ignores it, or is gone) is closed. A pure decision over the times it is given, so that
/// it is tested without waiting.
struct IdleTimeout: Sendable {
    enum Action: Equatable {
        case announce(checkAgainAt: NIODeadline)
        case close
        case checkAgain(at: NIODeadline)
    }

    let timeout: TimeAmount
    /// How long an announced connection is left to its client to close.
    let grace: TimeAmount

    /// What to do at `now`, given when the last bytes arrived, when the last call ended, and when
    /// the notice went out (`nil`: not yet, or the connection was used again since).
    func check(
        now: NIODeadline, lastRead: NIODeadline, lastCallEnded: NIODeadline, callsRunning: Int,
        announcedAt: NIODeadline? = nil
    ) -> Action {
        // A running call may take as long as its deadline allows; the connection is busy until it ends.
        if callsRunning > 0 { return .checkAgain(at: now + timeout) }
        let lastActivity = max(lastRead, lastCallEnded)
        if let announcedAt, lastActivity <= announcedAt {
            let due = announcedAt + grace
            return now >= due ? .close : .checkAgain(at: due)
        }
        let due = lastActivity + timeout
        return now >= due ? .announce(checkAgainAt: now + grace) : .checkAgain(at: due)
    }
}
