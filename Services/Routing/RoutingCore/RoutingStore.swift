import Domain
import Foundation
import GRDB
import Identity
import Logging
import ServiceDirectory
import ServiceKit

/// The routing service's data in its own database: the unit directory, the rules and the key enterprises.
///
/// Reads go through one read transaction so that a decision never sees half of an import; every write is one
/// transaction that validates against what is stored at that moment, so a refused edit changes nothing.
struct RoutingStore: Sendable {
    /// Stored data that no longer passes the domain's validation (edited by hand, or by a bug).
    struct CorruptData: Error, CustomStringConvertible {
        var description: String
    }

    /// Everything a routing decision needs, as of one moment.
    struct Snapshot: Sendable {
        var directory: UnitDirectory
        var rules: RoutingRuleSet
        var keyEnterprises: KeyEnterpriseList
    }

    let database: DatabasePool
    /// Where a snapshot that cannot be read again is reported.
    let logger: Logger
    let cache = SnapshotCache()

    /// Everything a decision needs, from memory unless a write changed it since it was read.
    func snapshot() async throws -> Snapshot {
        try await cache.snapshot { try await loadSnapshot() }
    }

    /// Loads the snapshot before the service answers, so that the first decision finds it kept.
    func loadSnapshotAtStart() throws {
        cache.keep(try database.read { db in try Self.snapshot(db) })
    }

    /// Loads the snapshot again, after a write or for a decision that found none kept. A failure
    /// is logged and leaves none kept, so that the next decision answers `unavailable` and asks again.
    func reloadSnapshot() async {
        do {
            try await cache.reload { try await loadSnapshot() }
        } catch {
            logger.error("routing.snapshot.unreadable", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    private func loadSnapshot() async throws -> Snapshot {
        try await database.read { db in try Self.snapshot(db) }
    }

    private static func snapshot(_ db: Database) throws -> Snapshot {
        let directory = try Self.directory(db)
        return Snapshot(
            directory: directory,
            rules: try Self.rules(db, directory: directory),
            keyEnterprises: KeyEnterpriseList(try Self.enterprises(db))
        )
    }

    /// Runs `work` in a write transaction and, once it committed, loads the snapshot again; a
    /// refused write changed nothing, so the snapshot kept stays.
    private func writing<Result: Sendable>(_ work: @escaping @Sendable (Database) throws -> Result) async throws
        -> Result
    {
        let result = try await database.write(work)
        await reloadSnapshot()
        return result
    }

    func directory() async throws -> UnitDirectory {
        try await database.read { db in try Self.directory(db) }
    }

    func enterprises() async throws -> [KeyEnterpriseList.Enterprise] {
        try await database.read { db in try Self.enterprises(db) }
    }

    /// Replaces the unit of the same code, validated against the directory as stored now; throws
    /// `UnitDirectory.UpdateError` and writes nothing when the edit is refused.
    func update(_ unit: BureauUnit, by credential: Credential) async throws -> BureauUnit {
        return try await writing { db in
            var directory = try Self.directory(db)
            try directory.update(unit)
            try db.execute(
                sql: """
                    UPDATE unit SET name = ?, topics = ?, active = ?,
                        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                    WHERE code = ?
                    """,
                arguments: [
                    unit.name, try Self.jsonArray(unit.topics.map(\.rawValue)), unit.active, unit.code,
                ]
            )
            try EditLog.record(db, by: credential, action: "unit_updated", subject: unit.code, detail: unit.name)
            return unit
        }
    }

    /// Replaces the directory with `imported` (units in its order), checked against the directory as stored
    /// now; throws `UnitDirectory.UpdateError` and writes nothing when it is refused.
    func importDirectory(_ imported: UnitDirectory, by credential: Credential) async throws
        -> UnitDirectory.ImportSummary
    {
        return try await writing { db in
            let current = try Self.directory(db)
            let problems = current.problems(importing: imported)
            guard problems.isEmpty else { throw UnitDirectory.UpdateError(fieldErrors: problems) }
            let summary = current.summary(importing: imported)
            // Positions are unique: move the old ones out of the way before writing the new order.
            try db.execute(sql: "UPDATE unit SET position = -1 - position")
            for (position, unit) in imported.units.enumerated() {
                try Self.upsert(unit, at: position, in: db)
            }
            try EditLog.record(
                db, by: credential, action: "directory_imported", subject: "unit",
                detail: "\(imported.units.count) units: added \(summary.added), changed \(summary.changed)"
            )
            return summary
        }
    }

    /// Replaces the whole rule set with `rules`, validated against the directory as stored now, and
    /// records who did it; throws `FieldError` and writes nothing when the set is refused.
    func replace(_ rules: RoutingRuleSet, by credential: Credential) async throws -> RoutingRuleSet {
        return try await writing { db in
            try rules.validate(against: try Self.directory(db))
            let before =
                try String.fetchOne(db, sql: "SELECT value FROM routing_meta WHERE key = 'rules_version'") ?? ""
            try Self.store(rules, in: db)
            try EditLog.record(
                db, by: credential, action: "rules_replaced", subject: rules.version,
                detail: "\(rules.rules.count) rules, \(rules.terms.count) terms, replacing \(before)"
            )
            return rules
        }
    }

    /// Adds `unit` at `position`, or updates the unit of its code (whose level never changes).
    static func upsert(_ unit: BureauUnit, at position: Int, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO unit (code, position, name, level, topics, active) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET position = excluded.position, name = excluded.name,
                    topics = excluded.topics, active = excluded.active,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                """,
            arguments: [
                unit.code, position, unit.name, unit.level.rawValue, try jsonArray(unit.topics.map(\.rawValue)),
                unit.active,
            ]
        )
    }

    /// Writes `rules` over the stored set: its rules in order, its version and its terms.
    static func store(_ rules: RoutingRuleSet, in db: Database) throws {
        try db.execute(sql: "DELETE FROM routing_rule")
        for (position, rule) in rules.rules.enumerated() {
            try db.execute(
                sql:
                    "INSERT INTO routing_rule (id, position, topics, keywords, units, mode, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    rule.id, position, try jsonArray(rule.topics.map(\.rawValue)), try jsonArray(rule.keywords),
                    try jsonArray(rule.units), rule.mode?.rawValue, rule.note,
                ]
            )
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO routing_meta (key, value) VALUES ('rules_version', ?), ('rule_terms', ?)",
            arguments: [rules.version, try jsonArray(rules.terms)]
        )
    }

    /// Adds `enterprises` (a name is replaced when its credit code is already listed), or replaces the whole
    /// list with them, in one transaction; returns the size of the list afterwards.
    func importEnterprises(
        _ enterprises: [KeyEnterpriseList.Enterprise],
        replace: Bool,
        by credential: Credential
    ) async throws -> Int {
        return try await writing { db in
            if replace {
                try db.execute(sql: "DELETE FROM key_enterprise")
            }
            for enterprise in enterprises {
                try db.execute(
                    sql: """
                        INSERT INTO key_enterprise (credit_code, name) VALUES (?, ?)
                        ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name
                        """,
                    arguments: [enterprise.creditCode, enterprise.name]
                )
            }
            try EditLog.record(
                db, by: credential, action: replace ? "enterprises_replaced" : "enterprises_imported",
                subject: "key_enterprise", detail: "\(enterprises.count) enterprises"
            )
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM key_enterprise") ?? 0
        }
    }

    // MARK: Rows

    static func directory(_ db: Database) throws -> UnitDirectory {
        let units = try Row.fetchAll(db, sql: "SELECT * FROM unit ORDER BY position").map(unit)
        do {
            return try UnitDirectory(units: units)
        } catch {
            throw CorruptData(description: "the stored unit directory is invalid: \(error)")
        }
    }

    static func unit(_ row: Row) throws -> BureauUnit {
        let code: String = row["code"]
        let levelText: String = row["level"]
        guard let level = BureauUnit.Level(rawValue: levelText) else {
            throw CorruptData(description: "unit \(code) has the unknown level \(levelText)")
        }
        return BureauUnit(
            code: code,
            name: row["name"],
            level: level,
            topics: try values(WorkOrder.Topic.self, json: row["topics"], in: "unit \(code) topics"),
            active: row["active"]
        )
    }

    static func rules(_ db: Database, directory: UnitDirectory) throws -> RoutingRuleSet {
        let version = try String.fetchOne(db, sql: "SELECT value FROM routing_meta WHERE key = 'rules_version'") ?? ""
        let terms = try String.fetchOne(db, sql: "SELECT value FROM routing_meta WHERE key = 'rule_terms'") ?? "[]"
        let rules = try Row.fetchAll(db, sql: "SELECT * FROM routing_rule ORDER BY position").map { row in
            let id: String = row["id"]
            let modeText: String? = row["mode"]
            let mode = try modeText.map { text in
                guard let mode = WorkOrder.HandlingMode(rawValue: text) else {
                    throw CorruptData(description: "rule \(id) has the unknown mode \(text)")
                }
                return mode
            }
            return RoutingRule(
                id: id,
                topics: try values(WorkOrder.Topic.self, json: row["topics"], in: "rule \(id) topics"),
                keywords: try strings(json: row["keywords"], in: "rule \(id) keywords"),
                units: try strings(json: row["units"], in: "rule \(id) units"),
                mode: mode,
                note: row["note"]
            )
        }
        do {
            return try RoutingRuleSet(
                version: version, rules: rules, terms: try strings(json: terms, in: "rule terms"), directory: directory)
        } catch {
            throw CorruptData(description: "the stored routing rules are invalid: \(error)")
        }
    }

    static func enterprises(_ db: Database) throws -> [KeyEnterpriseList.Enterprise] {
        try Row.fetchAll(db, sql: "SELECT name, credit_code FROM key_enterprise ORDER BY id").map { row in
            KeyEnterpriseList.Enterprise(name: row["name"], creditCode: row["credit_code"])
        }
    }

    static func jsonArray(_ strings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
    }

    private static func strings(json: String, in place: String) throws -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(json.utf8))
        } catch {
            throw CorruptData(description: "\(place) is not a JSON array of strings")
        }
    }

    private static func values<Value: RawRepresentable<String>>(_ type: Value.Type, json: String, in place: String)
        throws -> [Value]
    {
        try strings(json: json, in: place).map { text in
            guard let value = Value(rawValue: text) else {
                throw CorruptData(description: "\(place): unknown value \(text)")
            }
            return value
        }
    }
}
