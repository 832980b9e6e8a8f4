public import GRDB
import Synchronization

/// The row changes each committed transaction of a database made to some tables, so that a test
/// can tell which writes share a commit: one set a transaction, of "insert inbox", "update inbox"…
public final class TransactionLog: TransactionObserver, Sendable {
    private let tables: Set<String>
    private let current = Mutex<Set<String>>([])
    private let committed = Mutex<[Set<String>]>([])

    /// Starts logging the transactions `pool`'s writer commits from now on.
    public init(_ tables: Set<String>, of pool: DatabasePool) {
        self.tables = tables
        pool.writeWithoutTransaction { db in db.add(transactionObserver: self, extent: .observerLifetime) }
    }

    /// The committed transactions that changed one of the tables, oldest first.
    public var transactions: [Set<String>] { committed.withLock { $0 } }

    public func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { tables.contains(eventKind.tableName) }

    public func databaseDidChange(with event: DatabaseEvent) {
        current.withLock { _ = $0.insert("\(event.kind) \(event.tableName)") }
    }

    public func databaseDidCommit(_ db: Database) {
        let changes = current.withLock { current in
            defer { current = [] }
            return current
        }
        if !changes.isEmpty { committed.withLock { $0.append(changes) } }
    }

    public func databaseDidRollback(_ db: Database) { current.withLock { $0 = [] } }
}
