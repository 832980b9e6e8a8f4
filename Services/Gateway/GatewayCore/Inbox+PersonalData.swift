import Foundation
import GRDB
import PersonalData
import PlatformAdapter

/// Raw bodies at rest (个人信息保护法): a kept body holds the caller's name, phone and ID number, so
/// it is sealed under the gateway's current personal-data key, bound to its row
/// (`gateway/inbox/<id>/body`). Bodies are JSON text; one that is not UTF-8 is sealed as its
/// base64 and `body_encoding` says so. `sealed_with` names the key, so that rows in clear (from
/// before sealing) or under an older key are found and sealed again at start.
extension Inbox {
    enum BodyEncoding: String {
        case utf8
        case base64
    }

    /// Seals `body` into row `id`, in the caller's transaction.
    func storeSealed(_ body: [UInt8], row id: Int64, in db: Database) throws {
        let (text, encoding): (String, BodyEncoding) =
            if let text = String(validating: body, as: UTF8.self) { (text, .utf8) } else {
                (Data(body).base64EncodedString(), .base64)
            }
        try db.cachedStatement(sql: "UPDATE inbox SET body = ?, body_encoding = ?, sealed_with = ? WHERE id = ?")
            .execute(
                arguments: [
                    try personalData.seal(text, context: Self.bodyContext(id)), encoding.rawValue,
                    personalData.currentID,
                    id,
                ]
            )
    }

    /// The body row `id` keeps, opened; `nil` when it keeps none (refused, too large, or purged).
    func body(of id: Int64) async throws -> [UInt8]? {
        try await database.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT body, body_encoding, sealed_with FROM inbox WHERE id = ?", arguments: [id])
            else {
                return nil
            }
            return try opened(row, id: id)
        }
    }

    /// Seals again, in batches, every row whose body is still in clear or under a key other than
    /// the current one (after `personal-data-key rotate`). A row in clear that was refused keeps
    /// only its digest, as new ones do. Returns how many rows it changed.
    func sealRemaining(batch: Int = 200) throws -> Int {
        var total = 0
        while true {
            let count = try database.write { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, body, body_encoding, sealed_with, verification FROM inbox
                        WHERE body IS NOT NULL AND (sealed_with IS NULL OR sealed_with <> ?) LIMIT ?
                        """,
                    arguments: [personalData.currentID, batch]
                )
                for row in rows {
                    let id: Int64 = row["id"]
                    let body = try opened(row, id: id) ?? []
                    try db.execute(
                        sql:
                            "UPDATE inbox SET body = NULL, body_encoding = NULL, sealed_with = NULL, body_sha256 = ?, body_length = ? WHERE id = ?",
                        arguments: [PlatformSignature.bodyDigest(body), body.count, id]
                    )
                    if (row["verification"] as String?) == Self.verified { try storeSealed(body, row: id, in: db) }
                }
                return rows.count
            }
            total += count
            if count < batch { return total }
        }
    }

    private func opened(_ row: Row, id: Int64) throws -> [UInt8]? {
        guard let stored: Data = row["body"] else { return nil }
        guard (row["sealed_with"] as String?) != nil else { return [UInt8](stored) }
        let text: String
        do {
            text = try personalData.open(String(decoding: stored, as: UTF8.self), context: Self.bodyContext(id))
        } catch {
            throw BodyUnreadable(row: id, problem: error)
        }
        guard (row["body_encoding"] as String?) == BodyEncoding.base64.rawValue else { return Array(text.utf8) }
        guard let bytes = Data(base64Encoded: text) else {
            throw BodyUnreadable(row: id, problem: .init("the sealed base64 does not decode"))
        }
        return [UInt8](bytes)
    }

    static func bodyContext(_ id: Int64) -> String { "gateway/inbox/\(id)/body" }

    /// A sealed body that the key ring cannot open: a lost or wrong key file, or tampering.
    struct BodyUnreadable: Error, CustomStringConvertible {
        var row: Int64
        var problem: PersonalDataKeys.Problem

        var description: String { "inbox row \(row): body: \(problem) (is this the gateway's personal-data key ring?)" }
    }
}
