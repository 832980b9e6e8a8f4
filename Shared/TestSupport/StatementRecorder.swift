import Foundation
public import GRDB
import Synchronization

/// The statements a database's writer runs, kept so that a test can read their query plans: a
/// statement on the path every order takes must find its rows through an index, or its cost
/// grows with the table.
public final class StatementRecorder: Sendable {
    /// Each distinct statement once, in the order first run, with the values of that first run
    /// written in (a plan is read from literal SQL; `?` cannot be explained unbound).
    private let statements = Mutex<[(sql: String, expanded: String)]>([])

    /// Starts recording what `pool`'s writer connection runs from now on: every write and the
    /// reads made inside one (a pool's readers are not reached; explain their queries directly).
    public init(recording pool: DatabasePool) {
        pool.writeWithoutTransaction { db in
            db.trace(options: .statement) { [self] event in
                guard case .statement(let statement) = event else { return }
                let sql = statement.sql
                let expanded = statement.expandedSQL
                statements.withLock { recorded in
                    if !recorded.contains(where: { $0.sql == sql }) { recorded.append((sql, expanded)) }
                }
            }
        }
    }

    /// The distinct statements recorded so far, as written in the code.
    public var recorded: [String] { statements.withLock { $0.map(\.sql) } }

    /// Each recorded statement whose plan reads a whole table or index, with the plan's line.
    public func fullScans(in pool: DatabasePool) throws -> [(sql: String, plan: String)] {
        try plans(in: pool).flatMap { statement in
            statement.plan.filter { $0.hasPrefix("SCAN ") && !$0.hasPrefix("SCAN CONSTANT ROW") }.map {
                (statement.sql, $0)
            }
        }
    }

    /// Each recorded query's plan, line by line: which index each step searches.
    public func plans(in pool: DatabasePool) throws -> [(sql: String, plan: [String])] {
        try pool.read { db in try plans(on: db) }
    }

    /// The same, planned on `db`: a connection whose statistics a test has set.
    public func plans(on db: Database) throws -> [(sql: String, plan: [String])] {
        try statements.withLock { $0 }.compactMap { statement in
            try Self.plan(of: statement.expanded, in: db).map { (statement.sql, $0) }
        }
    }

    /// The `SCAN` lines of `sql`'s query plan; a lookup through an index says `SEARCH`. A scan of
    /// a constant row or of a table-valued function's output reads no table.
    public static func fullScans(of sql: String, in db: Database) throws -> [String] {
        try (plan(of: sql, in: db) ?? []).filter { $0.hasPrefix("SCAN ") && !$0.hasPrefix("SCAN CONSTANT ROW") }
    }

    /// The lines of `sql`'s query plan; nil for a statement that is not a query (`BEGIN`, `PRAGMA`).
    public static func plan(of sql: String, in db: Database) throws -> [String]? {
        guard
            sql.range(
                of: #"^\s*(INSERT|UPDATE|DELETE|SELECT|WITH|REPLACE)\b"#,
                options: [.regularExpression, .caseInsensitive]) != nil
        else {
            return nil
        }
        return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).compactMap { $0["detail"] as String? }
    }
}
