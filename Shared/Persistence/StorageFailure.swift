import GRDB

/// A SQLite failure of the storage under a database (a full disk, a read-only or failing file
/// system, a file that is not a database) rather than of the SQL: the operator has to act and the
/// caller can retry later. Names the file and says what went wrong in plain words.
public struct StorageFailure: Error, Sendable, CustomStringConvertible {
    /// The database file.
    public var path: String
    /// SQLite's primary result code, e.g. 13 for SQLITE_FULL.
    public var code: Int32
    /// SQLite's extended result code, e.g. 778 (SQLITE_IOERR_WRITE).
    public var extendedCode: Int32
    /// What went wrong, for people.
    public var reason: String

    /// The failure `error` describes, or nil when it is not a storage failure (a constraint, an SQL
    /// mistake, a non-SQLite error: those are bugs, not the disk).
    public init?(_ error: any Error, path: String) {
        guard let error = error as? DatabaseError, let reason = Self.reason(error.resultCode) else { return nil }
        self.path = path
        code = error.resultCode.rawValue
        extendedCode = error.extendedResultCode.rawValue
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }

    /// Plain words for the result codes that say something about the storage.
    static func reason(_ code: ResultCode) -> String? {
        switch code {
        case .SQLITE_FULL: "database or disk is full"
        case .SQLITE_IOERR: "disk I/O error"
        case .SQLITE_READONLY: "the database is read-only"
        case .SQLITE_CANTOPEN: "unable to open the database file"
        case .SQLITE_PERM: "permission denied"
        case .SQLITE_BUSY, .SQLITE_LOCKED: "the database is locked by another connection"
        case .SQLITE_NOMEM: "out of memory"
        case .SQLITE_CORRUPT: "the database file is corrupt"
        case .SQLITE_NOTADB: "the file is not a SQLite database"
        case .SQLITE_NOLFS: "the file system cannot hold a file this large"
        case .SQLITE_PROTOCOL: "the database's lock protocol failed"
        default: nil
        }
    }
}
