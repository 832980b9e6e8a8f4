import Assessment
import Domain
import GRDB

/// How the daily sums of facts (`fact_tally`) change when an order's facts are rewritten: its
/// old facts taken out, its new ones put in, per day, unit, kind and label. Every value is a whole
/// number, so the sums stay exact in any order of additions.
struct TallyChange {
    struct Key: Hashable {
        var day: Int
        var unit: String
        var kind: String
        var label: String
    }

    struct Delta {
        var count = 0
        var value = 0.0
        var amount = 0.0
    }

    private(set) var deltas: [Key: Delta] = [:]

    init() {}

    /// Starts with the stored facts of the order `rowID` taken out.
    init(removingFactsOf rowID: Int64, in db: Database) throws {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT day, unit, kind, label, value, amount FROM order_fact WHERE order_rowid = ?"),
            arguments: [rowID])
        while let row = try rows.next() {
            let kind: String = row["kind"]
            let key = Key(
                day: row["day"], unit: row["unit"], kind: kind, label: Self.tallyLabel(kind: kind, label: row["label"]))
            deltas[key, default: Delta()].count -= 1
            deltas[key, default: Delta()].value -= row["value"]
            deltas[key, default: Delta()].amount -= row["amount"]
        }
    }

    mutating func add(_ fact: OrderFact, unit: String) {
        let key = Key(
            day: LocalDate(containing: fact.at).dayNumber, unit: unit, kind: fact.kind.rawValue,
            label: Self.tallyLabel(kind: fact.kind.rawValue, label: fact.label)
        )
        deltas[key, default: Delta()].count += 1
        deltas[key, default: Delta()].value += fact.value
        deltas[key, default: Delta()].amount += fact.amount
    }

    /// Adds the non-zero deltas to `fact_tally`.
    func save(in db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO fact_tally (day, unit, kind, label, count, value, amount) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, unit, kind, label) DO UPDATE SET count = count + excluded.count,
                    value = value + excluded.value, amount = amount + excluded.amount
                """
        )
        for (key, delta) in deltas where delta.count != 0 || delta.value != 0 || delta.amount != 0 {
            try upsert.execute(arguments: [
                key.day, key.unit, key.kind, key.label, delta.count, delta.value, delta.amount,
            ])
        }
    }

    /// Tallies keep the label only of the kinds whose label matters (``FactTally/labelledKinds``).
    static func tallyLabel(kind: String, label: String) -> String {
        labelledKindNames.contains(kind) ? label : ""
    }

    private static let labelledKindNames = Set(FactTally.labelledKinds.map(\.rawValue))

    static let labelSQL =
        "CASE WHEN kind IN ("
        + labelledKindNames.sorted().map { "'\($0)'" }.joined(separator: ", ") + ") THEN label ELSE '' END"

    /// Facts summed in the shape of `fact_tally`, filtered by `condition`.
    static func sumSQL(where condition: String) -> String {
        """
        SELECT day, unit, kind, \(labelSQL) AS label, count(*) AS count, total(value) AS value, total(amount) AS amount
        FROM order_fact WHERE \(condition) GROUP BY 1, 2, 3, 4
        """
    }

    static let sumOfAllFacts = sumSQL(where: "true")
}
