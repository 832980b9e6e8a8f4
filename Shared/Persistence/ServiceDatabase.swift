public import CoreMetrics
import Foundation
public import GRDB
public import Tracing

/// Opens the one SQLite database a service owns, durably: WAL with `synchronous=FULL`, so that
/// a write the caller has heard "done" for survives a power cut, and migrations applied in order.
public enum ServiceDatabase {
    public struct OpenError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Opens (creating when needed) `<directory>/<name>.sqlite` and applies `migrations`. An error
    /// names the file in full and says in plain words what is wrong with it or its folder.
    ///
    /// The folder is made 0700 and the database's files 0600, also when an older version left
    /// them open: they hold callers' personal data, which no other account on the machine may read.
    ///
    /// `tracer` records a span per write transaction (`ServiceDatabase+Tracing`).
    public static func open(
        directory: String, name: String, migrations: [Migration], tracer: any Tracer = InstrumentationSystem.tracer
    ) throws -> DatabasePool {
        let directory = absolute(directory)
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw OpenError(description: "cannot create data directory \(directory): \(error.localizedDescription)")
        }
        try restrictFolder(directory)
        return try open(path: "\(directory)/\(name).sqlite", migrations: migrations, tracer: tracer)
    }

    /// Opens the database at `path`; each write transaction is a span of `tracer`, each commit's
    /// time goes to `metricsFactory` (the process's bootstrapped ones unless a test passes its own).
    public static func open(
        path: String, migrations: [Migration], tracer: any Tracer = InstrumentationSystem.tracer,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) throws -> DatabasePool {
        let path = absolute(path)
        do {
            let pool = try openPool(path: path, migrations: migrations, tracer: tracer, metricsFactory: metricsFactory)
            try restrictFiles(of: path)
            return pool
        } catch {
            throw openError(error, path: path)
        }
    }

    /// A folder of the service's account becomes 0700; a folder everyone may write in (`/tmp`) is
    /// no place for a database and is refused; another account's folder is that account's to set.
    static func restrictFolder(_ directory: String) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: directory)
        let mode = (attributes[.posixPermissions] as? Int) ?? 0
        guard mode & 0o002 == 0 else {
            throw OpenError(
                description: "data directory \(directory) may be written by everyone (mode \(String(mode, radix: 8))): "
                    + "give SUBAN_DATA_DIR a folder of its own"
            )
        }
        let owner = (attributes[.ownerAccountID] as? NSNumber)?.uint32Value
        guard owner == getuid(), mode & 0o077 != 0 else { return }
        do {
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
        } catch {
            throw OpenError(
                description: "cannot make data directory \(directory) mode 0700: \(error.localizedDescription)")
        }
    }

    /// The database, its journal and its shared memory: 0600.
    static func restrictFiles(of path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    private static func openPool(
        path: String, migrations: [Migration], tracer: any Tracer, metricsFactory: any MetricsFactory
    ) throws -> DatabasePool {
        var configuration = Configuration()
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            ServiceDatabase.traceWriteTransactions(of: db, name: name, tracer: tracer)
            db.add(transactionObserver: CommitTimer(database: name, factory: metricsFactory), extent: .databaseLifetime)
        }
        configuration.busyMode = .timeout(5)
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB turns the writer to synchronous=NORMAL after prepareDatabase when it enables WAL;
        // an accepted order must survive a power cut, so the one writer connection is set back.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Each order of a group commit runs in a savepoint, whose statement journal (the pages'
            // content before it, for a rollback to it) spilled to a temporary file past 64 KiB:
            // most of the writer's system calls. In memory it lives only as long as the savepoint.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        try verifyDurability(pool)
        try migrate(pool, with: migrations)
        return pool
    }

    /// Reads the settings back, on the writer and on a reader, rather than trusting the pragmas.
    static func verifyDurability(_ pool: DatabasePool) throws {
        try pool.writeWithoutTransaction { db in try verifyDurability(db, path: pool.path) }
        try pool.read { db in try verifyDurability(db, path: pool.path) }
    }

    private static func verifyDurability(_ db: Database, path: String) throws {
        let journalMode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
        let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        guard journalMode.lowercased() == "wal" else {
            throw OpenError(description: "\(path): journal_mode is \(journalMode), expected wal")
        }
        guard synchronous == 2 else {
            throw OpenError(description: "\(path): synchronous is \(synchronous), expected 2 (FULL)")
        }
    }

    static func migrate(_ pool: DatabasePool, with migrations: [Migration]) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS suban_migration (
                        identifier TEXT PRIMARY KEY NOT NULL,
                        checksum TEXT NOT NULL,
                        applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    )
                    """
            )
            let applied = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT identifier, checksum FROM suban_migration").map {
                    (row: Row) in (row["identifier"] as String, row["checksum"] as String)
                }
            )
            let known = Set(migrations.map(\.identifier))
            if let unknown = applied.keys.sorted().first(where: { !known.contains($0) }) {
                throw OpenError(
                    description: "\(pool.path) has migration \(unknown), which this build does not know: is it newer?")
            }
            for migration in migrations {
                if let checksum = applied[migration.identifier] {
                    guard checksum == migration.checksum else {
                        throw OpenError(
                            description:
                                "migration \(migration.identifier) changed after it was applied to \(pool.path)")
                    }
                    continue
                }
                try db.execute(sql: migration.sql)
                try db.execute(
                    sql: "INSERT INTO suban_migration (identifier, checksum) VALUES (?, ?)",
                    arguments: [migration.identifier, migration.checksum]
                )
            }
        }
    }
}
