import Foundation
import GRDB
import Logging
import Outbox
import ServiceLifecycle

/// Drops the raw bodies the inbox has kept longer than the retention period (default 180 days),
/// by itself: at start and then every `interval`, on `clock`. A purged row keeps its metadata and
/// digest, and `body_purged_at` says when its body went.
struct InboxRetention<C: _Concurrency.Clock>: Service where C.Instant == UnixInstant, C.Duration == Duration {
    let database: DatabasePool
    let retentionDays: Int
    let interval: Duration
    let clock: C
    let logger: Logger
    /// Told the number of bodies each purge removed (tests wait on it).
    var onPurge: @Sendable (Int) -> Void = { _ in }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        onPurge(try purge(now: Date(timeIntervalSince1970: Double(clock.now.unixMilliseconds) / 1000)))
                    } catch {
                        logger.error("gateway.inbox.purge_failed", metadata: ["error": "\(error)"])
                    }
                    try await clock.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// Drops the bodies received before `now` less the retention period, in batches so that the
    /// inbox's writers wait for one batch at most; returns how many it dropped, and logs it.
    @discardableResult
    func purge(now: Date, batch: Int = 1000) throws -> Int {
        let cutoff = now.addingTimeInterval(-Double(retentionDays) * 86_400)
        var total = 0
        while true {
            let count = try database.write { db in
                try db.execute(
                    sql: """
                        UPDATE inbox SET body = NULL, body_encoding = NULL, sealed_with = NULL, body_purged_at = ?
                        WHERE id IN (SELECT id FROM inbox WHERE body IS NOT NULL AND received_at < ? ORDER BY id LIMIT ?)
                        """,
                    arguments: [now.timeIntervalSince1970, cutoff.timeIntervalSince1970, batch]
                )
                return db.changesCount
            }
            total += count
            if count < batch { break }
        }
        logger.log(
            level: total > 0 ? .notice : .debug, "gateway.inbox.purged",
            metadata: ["inbox.bodies": "\(total)", "inbox.received_before": "\(cutoff)", "inbox.retention_days": "\(retentionDays)"]
        )
        return total
    }
}
