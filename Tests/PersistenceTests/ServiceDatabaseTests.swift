import Foundation
import GRDB
import Persistence
import Testing

@Suite("Service database")
struct ServiceDatabaseTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("suban-db-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let orders = Migration(
        "2026-11-27-orders", sql: "CREATE TABLE orders (id TEXT PRIMARY KEY NOT NULL, body TEXT NOT NULL)")
    static let events = Migration(
        "2026-11-28-events", sql: "CREATE TABLE events (id INTEGER PRIMARY KEY, order_id TEXT NOT NULL)")

    @Test func opensInWALWithFullSynchronousOnEveryConnection() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pool = try ServiceDatabase.open(directory: directory, name: "intake", migrations: [Self.orders])
        #expect(FileManager.default.fileExists(atPath: "\(directory)/intake.sqlite"))
        let (journalMode, writerSynchronous) = try pool.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        let readerSynchronous = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(journalMode == "wal")
        #expect(writerSynchronous == 2)
        #expect(readerSynchronous == 2)
    }

    /// A group commit runs each unit in a savepoint; the journal that lets one roll back alone must
    /// not spill to a temporary file (a page written to disk for every page the unit touches).
    @Test func theWritersSavepointJournalsStayInMemory() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pool = try ServiceDatabase.open(directory: directory, name: "intake", migrations: [Self.orders])
        let body = String(repeating: "工单", count: 100)
        let before = Self.openSQLiteTemporaryFiles()
        let during = try pool.write { db in
            for index in 0..<2000 {
                try db.execute(sql: "INSERT INTO orders VALUES (?, ?)", arguments: ["WO-\(index)", body])
            }
            var during: Set<String> = []
            try db.inSavepoint {
                // Rewrites every page the transaction has dirtied: well past SQLite's 64 KiB spill point.
                try db.execute(sql: "UPDATE orders SET body = body || '办'")
                during = Self.openSQLiteTemporaryFiles()
                return .commit
            }
            return during
        }
        #expect(during.subtracting(before).isEmpty)
        #expect(
            try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM orders WHERE body LIKE '%办'") }
                == 2000)
    }

    /// The temporary files this process has open that SQLite made (it names them `etilqs_…`).
    static func openSQLiteTemporaryFiles() -> Set<String> {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return Set(
            descriptors.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") }
                .filter { $0.contains("etilqs_") })
    }

    @Test func migrationsApplyOnceAndInOrder() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try ServiceDatabase.open(directory: directory, name: "intake", migrations: [Self.orders])
        try first.write { db in try db.execute(sql: "INSERT INTO orders VALUES ('A1', 'kept')") }
        try first.close()

        let second = try ServiceDatabase.open(
            directory: directory, name: "intake", migrations: [Self.orders, Self.events])
        let (body, hasEvents, applied) = try second.read { db in
            (
                try String.fetchOne(db, sql: "SELECT body FROM orders WHERE id = 'A1'"),
                try db.tableExists("events"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM suban_migration")
            )
        }
        #expect(body == "kept")
        #expect(hasEvents)
        #expect(applied == 2)
    }

    @Test func aShippedMigrationThatChangedIsRefused() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ServiceDatabase.open(directory: directory, name: "intake", migrations: [Self.orders]).close()
        let edited = Migration(Self.orders.identifier, sql: Self.orders.sql + " -- edited")
        #expect(throws: ServiceDatabase.OpenError.self) {
            _ = try ServiceDatabase.open(directory: directory, name: "intake", migrations: [edited])
        }
    }

    @Test func aDatabaseFromANewerBuildIsRefused() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try ServiceDatabase.open(directory: directory, name: "intake", migrations: [Self.orders, Self.events]).close()
        #expect(throws: ServiceDatabase.OpenError.self) {
            _ = try ServiceDatabase.open(directory: directory, name: "intake", migrations: [Self.orders])
        }
    }

    @Test func aFailingMigrationChangesNothing() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let broken = Migration("2026-11-29-broken", sql: "CREATE TABLE half (id INTEGER); CREATE TABLE oops (")
        #expect(throws: (any Error).self) {
            _ = try ServiceDatabase.open(directory: directory, name: "intake", migrations: [Self.orders, broken])
        }
        let pool = try ServiceDatabase.open(directory: directory, name: "intake", migrations: [])
        let (hasOrders, hasHalf) = try pool.read { db in (try db.tableExists("orders"), try db.tableExists("half")) }
        #expect(!hasOrders)
        #expect(!hasHalf)
    }

    @Test func anUnwritableDataDirectoryIsAClearError() throws {
        #expect(throws: ServiceDatabase.OpenError.self) {
            _ = try ServiceDatabase.open(directory: "/proc/suban-cannot-exist", name: "intake", migrations: [])
        }
    }
}
