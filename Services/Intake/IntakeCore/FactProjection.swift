import Assessment
import Domain
import Foundation
import GRDB

/// Keeps the assessment's projection (profile, facts, keywords) of every order in step with its
/// log: rewritten in the transaction of each change, rebuilt from the logs when the rules change.
struct FactProjection: Sendable {
    let rules: AssessmentRules
    /// The orders, for their callers' keyed hashes and for reading stored orders in a rebuild.
    let store: OrderStore

    /// Bumped when the derivation changes meaning, so that stored projections are rebuilt.
    /// 2: a late acknowledgement lasts until the order is acknowledged; 3: callers by keyed hash.
    static let version = 3

    /// Identifies the rules a stored projection was derived under.
    var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs, unlike Hasher
        for byte in (rules.keywords.joined(separator: "\u{1F}") + "|" + rules.deskUnit).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return "v\(Self.version)-\(String(hash, radix: 16))"
    }

    /// Derives and stores the projection of `order` from its stored log.
    func refresh(_ order: WorkOrder, in db: Database) throws {
        guard
            let rowID = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT rowid FROM work_order WHERE id = ?"), arguments: [order.id])
        else {
            return
        }
        let events = try OrderStore.events(orderID: order.id, in: db)
        try write(OrderProjection.derive(order: order, events: events, rules: rules), rowID: rowID, in: db)
    }

    /// Replaces the stored projection of the order `rowID`; `tallies: false` leaves the daily
    /// tallies to the caller (a rebuild sums them once at the end).
    func write(_ projection: OrderProjection, rowID: Int64, tallies: Bool = true, in db: Database) throws {
        // The daily sums change by the difference between the order's old facts and its new ones:
        // usually one or two keys, since an event adds a fact or two.
        var change = tallies ? try TallyChange(removingFactsOf: rowID, in: db) : TallyChange()
        try db.cachedStatement(sql: "DELETE FROM order_fact WHERE order_rowid = ?").execute(arguments: [rowID])
        try db.cachedStatement(sql: "DELETE FROM order_keyword WHERE order_rowid = ?").execute(arguments: [rowID])
        let profile = projection.profile
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO order_profile (order_rowid, order_id, platform_order_number, unit, day, channel,
                    urgency, kind, topic, enterprise_code, enterprise_name, caller_phone_hash, caller_shown, reopen_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                rowID, profile.orderID, profile.platformOrderNumber, profile.unit,
                LocalDate(containing: profile.dispatchedAt).dayNumber, profile.channel.rawValue,
                profile.urgency.rawValue,
                profile.kind.rawValue, profile.topic.rawValue, profile.enterpriseCode, profile.enterpriseName,
                store.phoneHash(profile.callerPhone), WorkOrder.Caller.mask(phone: profile.callerPhone),
                profile.reopenCount,
            ]
        )
        let insertFact = try db.cachedStatement(
            sql: """
                INSERT INTO order_fact (order_rowid, kind, day, at, until, unit, value, amount, label)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let insertKeyword = try db.cachedStatement(
            sql: "INSERT INTO order_keyword (order_rowid, day, keyword) VALUES (?, ?, ?)")
        for fact in projection.facts {
            let day = LocalDate(containing: fact.at).dayNumber
            if fact.kind == .keyword {
                try insertKeyword.execute(arguments: [rowID, day, fact.label])
                continue
            }
            try insertFact.execute(arguments: [
                rowID, fact.kind.rawValue, day, fact.at.timeIntervalSince1970, fact.until?.timeIntervalSince1970,
                profile.unit, fact.value, fact.amount, fact.label,
            ])
        }
        if tallies {
            for fact in projection.facts where fact.kind != .keyword {
                change.add(fact, unit: profile.unit)
            }
            try change.save(in: db)
        }
    }

    /// Rebuilds every order's projection from its log when it was derived under other rules (or
    /// never), in one transaction; returns how many orders it rebuilt (0 when it was current).
    @discardableResult
    func rebuildIfStale(in database: DatabasePool) throws -> Int {
        try database.write { db in
            let stored = try String.fetchOne(db, sql: "SELECT value FROM assessment_state WHERE key = 'fingerprint'")
            guard stored != fingerprint else { return 0 }
            return try rebuild(in: db)
        }
    }

    /// Derives every order's projection anew from the logs.
    func rebuild(in db: Database) throws -> Int {
        try db.execute(
            sql: "DELETE FROM order_fact; DELETE FROM order_keyword; DELETE FROM order_profile; DELETE FROM fact_tally;"
        )
        let orders = try Row.fetchCursor(db, sql: "SELECT rowid, body FROM work_order")
        var count = 0
        while let row = try orders.next() {
            let order = try store.order(stored: row["body"])
            let log = try OrderStore.events(orderID: order.id, in: db)
            try write(
                OrderProjection.derive(order: order, events: log, rules: rules), rowID: row["rowid"], tallies: false,
                in: db)
            count += 1
        }
        try db.execute(
            sql: "INSERT INTO fact_tally (day, unit, kind, label, count, value, amount) \(TallyChange.sumOfAllFacts)")
        try recordFingerprint(in: db)
        return count
    }

    /// Records that the stored projections were derived under these rules.
    func recordFingerprint(in db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO assessment_state (key, value) VALUES ('fingerprint', ?)",
            arguments: [fingerprint]
        )
    }
}
