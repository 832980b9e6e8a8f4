import NIOCore
import Synchronization

/// The calls one connection has running: the per-connection limit refuses calls beyond it, and
/// the idle timeout closes a connection only when none runs, counting from when the last ended.
///
/// Shared by the connection's reading task, its call tasks and its event loop, hence atomics.
final class ConnectionCalls: Sendable {
    let limit: Int
    private let running = Atomic<Int>(0)
    private let lastEndedUptimeNanoseconds: Atomic<UInt64>

    init(limit: Int, now: NIODeadline = .now()) {
        self.limit = limit
        self.lastEndedUptimeNanoseconds = Atomic(now.uptimeNanoseconds)
    }

    /// Counts a call in, unless the connection already runs `limit` of them.
    func start() -> Bool {
        // Only the connection's event loop starts calls, so the check and the add cannot race each other.
        guard running.load(ordering: .relaxed) < limit else { return false }
        running.add(1, ordering: .relaxed)
        return true
    }

    func end(at now: NIODeadline = .now()) {
        lastEndedUptimeNanoseconds.store(now.uptimeNanoseconds, ordering: .relaxed)
        running.subtract(1, ordering: .releasing)
    }

    var count: Int { running.load(ordering: .acquiring) }

    var lastEnded: NIODeadline { .uptimeNanoseconds(lastEndedUptimeNanoseconds.load(ordering: .relaxed)) }
}
