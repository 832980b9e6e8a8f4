import Foundation
import GRDB
import Logging
import Outbox
import ServiceLifecycle

/// Drops the raw bodies the inbox has kept longer than the retention period (default 180 days),
/// by itself: at start and then every `interval`, on `clock`. A purged row keeps its metadata and
/// digest, and `body_purged_at` says when its body went. The rows of requests that never passed
/// authentication go whole after the same period: they settle no dispute with the platform, and
/// without an end a slow flood would still fill the disk, one row at a time.
struct InboxRetention<C: _Concurrency.Clock>: Service where C.Instant == UnixInstant, C.Duration == Duration {
    let database: DatabasePool
    let retentionDays: Int
    let interval: Duration
    let clock: C
    let logger: Logger
    /// Told what each purge removed (tests wait on it).
    var onPurge: @Sendable (Purged) -> Void = { _ in }

    struct Purged: Sendable, Equatable {
        /// Bodies of authenticated requests dropped, their rows kept.
        var bodies = 0
        /// Rows of requests that never passed authentication, deleted.
        var refusedRows = 0
    }

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

    /// Drops what was received before `now` less the retention period, in batches so that the
    /// inbox's writers wait for one batch at most; returns what it dropped, and logs it. Each batch
    /// is found by `received_at`, oldest first: with nothing to drop a purge reads no row, where a
    /// walk by id read the whole inbox and held its writer for seconds at a million rows.
    @discardableResult
    func purge(now: Date, batch: Int = 1000) throws -> Purged {
        let cutoff = now.addingTimeInterval(-Double(retentionDays) * 86_400).timeIntervalSince1970
        let purged = Purged(
            bodies: try inBatches(
                """
                UPDATE inbox SET body = NULL, body_encoding = NULL, sealed_with = NULL, body_purged_at = ?
                WHERE id IN (SELECT id FROM inbox INDEXED BY inbox_received
                             WHERE received_at < ? AND body IS NOT NULL ORDER BY received_at LIMIT ?)
                """,
                [now.timeIntervalSince1970, cutoff, batch], batch: batch
            ),
            refusedRows: try inBatches(
                """
                DELETE FROM inbox WHERE id IN (SELECT id FROM inbox INDEXED BY inbox_received
                                               WHERE received_at < ? AND verification <> ? ORDER BY received_at LIMIT ?)
                """,
                [cutoff, Inbox.verified, batch], batch: batch
            )
        )
        logger.log(
            level: purged == Purged() ? .debug : .notice, "gateway.inbox.purged",
            metadata: [
                "inbox.bodies": "\(purged.bodies)", "inbox.refused_rows": "\(purged.refusedRows)",
                "inbox.received_before": "\(Date(timeIntervalSince1970: cutoff))",
                "inbox.retention_days": "\(retentionDays)",
            ]
        )
        return purged
    }

    /// Runs `sql` (which changes at most `batch` rows) until it changes fewer; the rows changed.
    private func inBatches(_ sql: String, _ arguments: StatementArguments, batch: Int) throws -> Int {
        var total = 0
        while true {
            let count = try database.write { db in
                try db.execute(sql: sql, arguments: arguments)
                return db.changesCount
            }
            total += count
            if count < batch { return total }
        }
    }
}
