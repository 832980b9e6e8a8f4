import Domain
import Foundation
import GRDB
import Identity
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// The knowledge base shared with the 12345 platform: the bureau retires its
/// own articles (the platform hears it), and the platform's articles are stored read-only under
/// their own ids, `12345:<platform id>`, which no bureau id can take.
extension KnowledgeBase {
    /// What storing a platform article did.
    enum Acceptance: String, Sendable {
        /// A new revision is stored (a new article, or a change of one).
        case accepted
        /// The article is retired.
        case retired
        /// This revision was stored before: nothing changed.
        case duplicate
        /// A later revision was stored before: nothing changed.
        case stale
    }

    static let platformPrefix = "12345:"

    static func isPlatformID(_ id: String) -> Bool { id.hasPrefix(platformPrefix) }

    /// 1–64 of `A-Z a-z 0-9 _ -`: the id appears unescaped in the platform's paths.
    static func isIdentifier(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-")
            }
    }

    static func readOnly(_ id: String) -> RPCError {
        RPCError(
            .failedPrecondition,
            "知识库条目 \(id) 由 12345 平台共享，只读，由平台修改或撤销（article \(id) is the 12345 platform's and read-only）",
            fieldViolations: [
                FieldViolation(
                    field: "id", code: "read_only",
                    message: "the 12345 platform's article; only the platform changes it")
            ])
    }

    static func retiredAlready(_ id: String) -> RPCError {
        RPCError(
            .failedPrecondition, "知识库条目 \(id) 已撤销，请新增条目（article \(id) is retired; add a new one）",
            fieldViolations: [FieldViolation(field: "id", code: "retired", message: "retired articles are not edited")])
    }

    /// Retires one of the bureau's articles as `credential`'s act: a new revision that answers
    /// nothing from now on, recorded in the edit log and handed to the gateway for the platform in
    /// the same transaction. Retiring a retired article again changes nothing.
    func retire(_ id: String, reason: String, by credential: Credential, at now: Date = Date()) throws -> Entry {
        if reason.count > 2000 {
            throw RPCError(
                .invalidArgument, "reason too long",
                fieldViolations: [FieldViolation(field: "reason", code: "too_long", message: "at most 2000 characters")]
            )
        }
        return try database.write { db in
            guard
                var entry = try Row.fetchOne(db, sql: "SELECT * FROM kb_article WHERE id = ?", arguments: [id]).map(
                    Self.entry)
            else {
                throw RPCError(
                    .notFound, "no article \(id)",
                    fieldViolations: [FieldViolation(field: "id", code: "not_found", message: "no such article")])
            }
            guard entry.source == .bureau else { throw Self.readOnly(id) }
            guard !entry.retired else { return entry }
            entry.version += 1
            entry.updatedAtMs = now.unixMilliseconds
            entry.retired = true
            try Self.write(entry, in: db)
            try EditLog.record(db, by: credential, action: "kb_article_retired", subject: id, detail: reason, at: now)
            try IntakeOutbox.enqueue(
                [try ArticleCommands.retired(entry, by: credential.account, reason: reason)], at: now, in: db)
            return entry
        }
    }

    /// Stores an article the 12345 platform shares, `entry.id` being the platform's id, as the
    /// read-only `12345:<id>`; or retires it. Idempotent on (id, version): a revision stored
    /// before, or older than the one stored, changes nothing. Never handed back to the platform.
    func acceptFromPlatform(_ entry: Entry, retired: Bool, by credential: Credential) throws -> (
        entry: Entry, outcome: Acceptance
    ) {
        var violations = retired ? [] : Self.violations(of: entry)
        if !Self.isIdentifier(entry.id) {
            violations.append(
                FieldViolation(
                    field: "article.id", code: entry.id.isEmpty ? "required" : "invalid_format",
                    message: "1 to 64 of A-Z a-z 0-9 _ -"))
        }
        if entry.version < 1 {
            violations.append(
                FieldViolation(field: "article.version", code: "required", message: "a revision number, 1 or more"))
        }
        guard violations.isEmpty else {
            throw RPCError(.invalidArgument, "invalid platform article", fieldViolations: violations)
        }
        let id = Self.platformPrefix + entry.id
        return try database.write { db in
            let current = try Row.fetchOne(db, sql: "SELECT * FROM kb_article WHERE id = ?", arguments: [id]).map(
                Self.entry)
            if let current, current.version >= entry.version {
                return (current, current.version == entry.version ? .duplicate : .stale)
            }
            var stored: Entry
            if retired {
                guard let current else {
                    throw RPCError(
                        .notFound, "no article \(entry.id) from 12345",
                        fieldViolations: [
                            FieldViolation(
                                field: "article.id", code: "not_found", message: "no such article from 12345")
                        ])
                }
                stored = current
                stored.retired = true
            } else {
                stored = entry
                stored.id = id
                stored.source = .platform
                stored.retired = false
            }
            stored.version = entry.version
            stored.updatedAtMs = entry.updatedAtMs
            try Self.write(stored, in: db)
            let action = retired ? "kb_article_retired" : "kb_article_received"
            try EditLog.record(db, by: credential, action: action, subject: id, detail: "12345 v\(entry.version)")
            return (stored, retired ? .retired : .accepted)
        }
    }
}
