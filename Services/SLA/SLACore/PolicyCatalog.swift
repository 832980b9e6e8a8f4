import Domain
import Foundation
import GRDB

/// Every policy a clock of this database was started under, by id, and the ids of the policies
/// configured now. Loaded once at start, after the configured policies were added to
/// `sla_policy`, so it never changes while the service runs.
struct PolicyCatalog: Sendable {
    private let byID: [Int64: DeadlinePolicy]
    private let idByName: [String: Int64]

    func policy(id: Int64) -> DeadlinePolicy? { byID[id] }

    /// The id of the configured policy called `name`.
    func id(ofConfigured name: String) -> Int64? { idByName[name] }

    /// Stores the configured policies that are new (as canonical JSON) and reads them all back.
    static func load(configured: DeadlinePolicySet, _ db: Database) throws -> PolicyCatalog {
        var idByName: [String: Int64] = [:]
        for policy in configured.policies {
            let json = try canonicalJSON(policy)
            try db.execute(
                sql: "INSERT OR IGNORE INTO sla_policy (name, json) VALUES (?, ?)", arguments: [policy.name, json])
            idByName[policy.name] = try Int64.fetchOne(
                db, sql: "SELECT id FROM sla_policy WHERE json = ?", arguments: [json])
        }
        var byID: [Int64: DeadlinePolicy] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, json FROM sla_policy") {
            let json: String = row[1]
            byID[row[0]] = try JSONDecoder().decode(DeadlinePolicy.self, from: Data(json.utf8))
        }
        return PolicyCatalog(byID: byID, idByName: idByName)
    }

    /// Sorted keys, so that the same policy always has the same text and is stored once.
    static func canonicalJSON(_ policy: DeadlinePolicy) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(policy), as: UTF8.self)
    }
}
