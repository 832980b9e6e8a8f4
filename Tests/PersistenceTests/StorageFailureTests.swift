import Foundation
import GRDB
import Persistence
import Testing

/// A full disk at run time, made with `max_page_count` so that it runs anywhere: SQLite returns
/// the same SQLITE_FULL as for a full file system (the system tests use a real full tmpfs).
@Suite("Service database: storage failures")
struct StorageFailureTests {
    @Test func aFullDatabaseIsAStorageFailureAndTheSamePoolWritesAgainOnceThereIsRoom() throws {
        let directory = try ServiceDatabaseTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pool = try ServiceDatabase.open(
            directory: directory, name: "intake", migrations: [ServiceDatabaseTests.orders])
        let pages = try pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
            return pages
        }
        let body = String(repeating: "满", count: 4096)
        let error = #expect(throws: DatabaseError.self) {
            try pool.write { db in try db.execute(sql: "INSERT INTO orders VALUES ('A1', ?)", arguments: [body]) }
        }
        let failure = try #require(error.flatMap { StorageFailure($0, path: pool.path) })
        #expect(failure.code == 13)
        #expect(failure.description == "\(directory)/intake.sqlite: database or disk is full")

        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(pages * 100)") }
        try pool.write { db in try db.execute(sql: "INSERT INTO orders VALUES ('A1', ?)", arguments: [body]) }
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM orders") } == 1)
    }

    @Test func anSQLMistakeIsNotAStorageFailure() throws {
        let directory = try ServiceDatabaseTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pool = try ServiceDatabase.open(
            directory: directory, name: "intake", migrations: [ServiceDatabaseTests.orders])
        try pool.write { db in try db.execute(sql: "INSERT INTO orders VALUES ('A1', 'x')") }
        let error = #expect(throws: DatabaseError.self) {
            try pool.write { db in try db.execute(sql: "INSERT INTO orders VALUES ('A1', 'again')") }
        }
        #expect(error.flatMap { StorageFailure($0, path: pool.path) } == nil)
        struct Other: Error {}
        #expect(StorageFailure(Other(), path: pool.path) == nil)
    }
}
