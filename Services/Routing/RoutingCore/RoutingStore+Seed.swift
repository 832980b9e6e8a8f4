import Domain
import GRDB

extension RoutingStore {
    /// Fills the empty database with the shipped directory and rules, once: a database that was seeded before
    /// keeps whatever the administrator made of it. Returns whether it seeded.
    ///
    /// One transaction, so that a crash half-way leaves an unseeded database that the next start seeds again.
    @discardableResult
    func seedIfNeeded(
        directory: UnitDirectory = .shipped,
        rules: RoutingRuleSet = .shipped
    ) throws -> Bool {
        defer { cache.invalidate() }
        // The shipped values are literals; a typo must stop the start rather than be stored.
        try rules.validate(against: try UnitDirectory(units: directory.units))
        return try database.write { db in
            guard try String.fetchOne(db, sql: "SELECT value FROM routing_meta WHERE key = 'seeded_at'") == nil else {
                return false
            }
            for (position, unit) in directory.units.enumerated() {
                try Self.upsert(unit, at: position, in: db)
            }
            try Self.store(rules, in: db)
            try db.execute(
                sql: "INSERT INTO routing_meta (key, value) VALUES ('seeded_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
            )
            return true
        }
    }
}
