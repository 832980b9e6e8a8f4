public import CoreMetrics
public import GRDB
import Synchronization

/// Times each commit of a database's writer in swift-metrics
/// (`suban_sqlite_commit_duration_seconds{database=…}`): from SQLite's commit hook to the end of
/// the commit, which is where `synchronous=FULL` waits for the disk.
///
/// Installed on every connection for the database's lifetime; read-only connections never commit,
/// so only the writer reports.
public final class CommitTimer: TransactionObserver, Sendable {
    static let label = "suban_sqlite_commit_duration_seconds"

    private let timer: CoreMetrics.Timer
    private let started = Mutex<ContinuousClock.Instant?>(nil)

    /// - Parameter database: the `database` label, the file's name without `.sqlite`.
    public init(database: String, factory: any MetricsFactory = MetricsSystem.factory) {
        timer = CoreMetrics.Timer(label: Self.label, dimensions: [("database", database)], factory: factory)
    }

    public func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }

    public func databaseDidChange(with event: DatabaseEvent) {}

    public func databaseWillCommit() throws {
        started.withLock { $0 = .now }
    }

    public func databaseDidCommit(_ db: Database) {
        let start = started.withLock { started in
            defer { started = nil }
            return started
        }
        guard let start else { return }
        let elapsed = (ContinuousClock.now - start).components
        timer.recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
    }

    public func databaseDidRollback(_ db: Database) {
        started.withLock { $0 = nil }
    }
}
