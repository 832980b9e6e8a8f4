import Logging
import NIOCore
import Synchronization

/// Logs peers that break the wire protocol (bad frames, bad strings, oversized frames, unknown
/// envelope kinds) at notice, naming the peer, at most `LogRateLimit.limit` lines a minute for the
/// whole server: a hostile peer must not be able to fill the disk with log lines.
final class ProtocolViolationLog: Sendable {
    private let logger: Logger
    private let rateLimit: Mutex<LogRateLimit>

    init(logger: Logger, linesPerMinute: Int) {
        self.logger = logger
        self.rateLimit = Mutex(LogRateLimit(limit: linesPerMinute))
    }

    /// - Parameter closesConnection: whether the server closes the connection for it, or fails only
    ///   the call concerned.
    func record(_ violation: String, peer: String, closesConnection: Bool) {
        let now = NIODeadline.now()
        guard case .log(let suppressed, let isLast) = rateLimit.withLock({ $0.admit(at: now) }) else { return }
        var metadata: Logger.Metadata = [
            "rpc.peer": "\(peer)",
            "rpc.violation": "\(violation)",
            "rpc.action": closesConnection ? "connection_closed" : "call_refused",
        ]
        if suppressed > 0 { metadata["rpc.violations_suppressed"] = "\(suppressed)" }
        if isLast { metadata["rpc.log_paused"] = "further violations are counted, not logged, for up to a minute" }
        logger.notice("rpc.protocol_violation", metadata: metadata)
    }
}
