import NIOCore

/// When an idle connection is closed: once it has had no call running and no byte read for
/// `timeout`. A pure decision over the times it is given, so that it is tested without waiting.
struct IdleTimeout: Sendable {
    enum Action: Equatable {
        case close
        case checkAgain(at: NIODeadline)
    }

    let timeout: TimeAmount

    /// What to do at `now`, given when the last bytes arrived and when the last call ended.
    func check(now: NIODeadline, lastRead: NIODeadline, lastCallEnded: NIODeadline, callsRunning: Int) -> Action {
        // A running call may take as long as its deadline allows; the connection is busy until it ends.
        if callsRunning > 0 { return .checkAgain(at: now + timeout) }
        let due = max(lastRead, lastCallEnded) + timeout
        return now >= due ? .close : .checkAgain(at: due)
    }
}
