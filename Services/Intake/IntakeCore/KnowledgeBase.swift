import Domain
import Foundation
import GRDB
import Identity
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

/// The knowledge base shared by the 12333 and 12345 lines: articles with a question, an answer,
/// their policy basis and a validity period, searchable in Chinese.
struct KnowledgeBase: Sendable {
    /// Where an article comes from: the bureau's own, which its administrators edit and the
    /// 12345 platform hears of, or the platform's, shared with the bureau and read-only here.
    enum Source: String, Sendable, CaseIterable {
        case bureau
        case platform = "12345"
    }

    /// An article as stored.
    struct Entry: Sendable, Hashable {
        var id: String
        var question: String
        var answer: String
        var policyBasis: String
        var tags: [String]
        var validFrom: String
        var validTo: String
        var source = Source.bureau
        /// The revision: 1 when added, one more with each change or retirement.
        var version = 0
        /// When that revision was made (Unix milliseconds).
        var updatedAtMs: Int64 = 0
        /// A retired article stays on record (orders cite it) but answers nothing.
        var retired = false

        /// Whether the article is in force on `day`; an open end is no limit.
        func isValid(on day: LocalDate) -> Bool {
            !retired && (LocalDate(validFrom).map { $0 <= day } ?? true)
                && (LocalDate(validTo).map { day <= $0 } ?? true)
        }

        /// The reply a caller reads: the answer, and the policy it rests on.
        var replyText: String {
            policyBasis.isEmpty ? answer : "\(answer)\n政策依据：\(policyBasis)"
        }

        /// Whether `other` says the same: saving it again is no change, and no new revision.
        func hasSameContent(as other: Entry) -> Bool {
            (question, answer, policyBasis, tags, validFrom, validTo)
                == (other.question, other.answer, other.policyBasis, other.tags, other.validFrom, other.validTo)
        }
    }

    /// How close an answer must be for intake to propose it for immediate answer (即时办理).
    static let closeMatch = 0.6

    let database: DatabasePool

    /// Checks an article; returns every problem at once, with the field it concerns.
    static func violations(of entry: Entry, prefix: String = "article") -> [FieldViolation] {
        var violations: [FieldViolation] = []
        func add(_ field: String, _ code: String, _ message: String) {
            violations.append(FieldViolation(field: "\(prefix).\(field)", code: code, message: message))
        }
        if !entry.id.isEmpty, !Self.isIdentifier(entry.id) {
            add("id", "invalid_format", "1 to 64 of A-Z a-z 0-9 _ - (the id names the article in the platform's paths)")
        }
        if entry.question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add("question", "required", "a question is required")
        }
        if entry.answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add("answer", "required", "an answer is required")
        }
        if entry.question.count > 1000 { add("question", "too_long", "at most 1000 characters") }
        if entry.answer.count > 10_000 { add("answer", "too_long", "at most 10000 characters") }
        for (field, value) in [("valid_from", entry.validFrom), ("valid_to", entry.validTo)] where !value.isEmpty {
            if LocalDate(value) == nil { add(field, "invalid_date", "expected YYYY-MM-DD, got \"\(value)\"") }
        }
        if let from = LocalDate(entry.validFrom), let to = LocalDate(entry.validTo), to < from {
            add("valid_to", "before_valid_from", "the article would never be valid")
        }
        return violations
    }

    /// Adds or replaces the bureau's articles in one transaction, each edit recorded as
    /// `credential`'s and, as a new revision, handed to the gateway for the 12345 platform
    /// (`ArticleCommands`) in the same transaction; nothing is stored if any is invalid, names a
    /// platform article or a retired one. Saving an article unchanged makes no revision.
    func upsert(_ entries: [Entry], by credential: Credential, at now: Date = Date()) throws -> [Entry] {
        // Staff editing a platform article are told whose it is, before anything about its fields.
        if let platformID = entries.map(\.id).first(where: Self.isPlatformID) { throw Self.readOnly(platformID) }
        var violations: [FieldViolation] = []
        for (index, entry) in entries.enumerated() {
            violations += Self.violations(of: entry, prefix: entries.count == 1 ? "article" : "articles[\(index)]")
        }
        guard violations.isEmpty else {
            throw RPCError(.invalidArgument, "invalid article", fieldViolations: violations)
        }
        let nowMs = now.unixMilliseconds
        return try database.write { db in
            try entries.map { entry in
                var entry = entry
                if entry.id.isEmpty { entry.id = "KB-" + UUID().uuidString.prefix(8).uppercased() }
                let current = try Row.fetchOne(db, sql: "SELECT * FROM kb_article WHERE id = ?", arguments: [entry.id])
                    .map(Self.entry)
                if let current {
                    if current.source != .bureau { throw Self.readOnly(current.id) }
                    if current.retired { throw Self.retiredAlready(current.id) }
                    if current.hasSameContent(as: entry) { return current }
                }
                entry.source = .bureau
                entry.version = (current?.version ?? 0) + 1
                entry.updatedAtMs = nowMs
                entry.retired = false
                try Self.write(entry, in: db)
                try EditLog.record(
                    db, by: credential, action: "kb_article_saved", subject: entry.id, detail: entry.question, at: now)
                try IntakeOutbox.enqueue(
                    [try ArticleCommands.published(entry, by: credential.account)], at: now, in: db)
                return entry
            }
        }
    }

    /// Stores `entry` as it is, replacing the row of its id.
    static func write(_ entry: Entry, in db: Database) throws {
        let tags = String(decoding: try JSONEncoder().encode(entry.tags), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO kb_article (id, question, answer, policy_basis, tags, valid_from, valid_to, source, version, updated_at_ms, retired_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET question = excluded.question, answer = excluded.answer,
                    policy_basis = excluded.policy_basis, tags = excluded.tags,
                    valid_from = excluded.valid_from, valid_to = excluded.valid_to, source = excluded.source,
                    version = excluded.version, updated_at_ms = excluded.updated_at_ms, retired_at_ms = excluded.retired_at_ms
                """,
            arguments: [
                entry.id, entry.question, entry.answer, entry.policyBasis, tags, entry.validFrom, entry.validTo,
                entry.source.rawValue,
                entry.version, entry.updatedAtMs, entry.retired ? entry.updatedAtMs : nil,
            ]
        )
    }

    func entry(id: String) throws -> Entry? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM kb_article WHERE id = ?", arguments: [id]).map(Self.entry)
        }
    }

    /// Articles valid on `day` that answer `query`, best first, with a score in [0, 1]: the share
    /// (by weight) of the query's subject terms found in the question and tags (counting 0.7) and
    /// in the answer (0.3).
    func search(_ query: String, on day: LocalDate, limit: Int) throws -> [(entry: Entry, score: Double)] {
        let (candidates, vocabulary) = try articles(on: day, sharingATermWith: query, inAnswersToo: true)
        let terms = SubjectTerms(query, vocabulary: vocabulary)
        let scored: [(entry: Entry, score: Double)] = candidates.map { entry in
            (
                entry,
                0.7 * terms.coverage(in: entry.question + " " + entry.tags.joined(separator: " ")) + 0.3
                    * terms.coverage(in: entry.answer)
            )
        }
        return Self.best(scored.filter { $0.score > 0 }, limit: limit)
    }

    /// The article a call's content asks, if one is close enough (`closeMatch`) to answer it at
    /// once. The content's chatter must not dilute the match, so the article's side is measured:
    /// the share of its question's subject terms the content holds (counting 0.8), and whether
    /// the content names one of its tags (0.2; an article without tags is judged by its question).
    func proposal(for content: String, on day: LocalDate) throws -> (entry: Entry, score: Double)? {
        let (candidates, vocabulary) = try articles(on: day, sharingATermWith: content, inAnswersToo: false)
        let scored: [(entry: Entry, score: Double)] = candidates.map { entry in
            let question = SubjectTerms(entry.question, vocabulary: vocabulary).coverage(in: content)
            guard !entry.tags.isEmpty else { return (entry, question) }
            return (entry, 0.8 * question + 0.2 * (entry.tags.contains { content.contains($0) } ? 1 : 0))
        }
        return Self.best(scored.filter { $0.score >= Self.closeMatch }, limit: 1).first
    }

    /// Articles valid on `day` that contain one of `text`'s subject terms in their question or
    /// tags (and answer, when asked), with the vocabulary they were cut by: the hotline's words
    /// and every article's tags. SQLite's `instr` finds the terms of any length; the table holds
    /// hundreds of articles.
    private func articles(on day: LocalDate, sharingATermWith text: String, inAnswersToo: Bool) throws -> (
        articles: [Entry], vocabulary: Set<String>
    ) {
        try database.read { db in
            var vocabulary = HotlineLexicon.terms
            for tags in try String.fetchAll(db, sql: "SELECT DISTINCT tags FROM kb_article WHERE retired_at_ms IS NULL")
            {
                vocabulary.formUnion(Self.decodeTags(tags))
            }
            let terms = SubjectTerms(text, vocabulary: vocabulary).terms.prefix(Self.mostTerms)
            guard !terms.isEmpty else { return ([], vocabulary) }
            let searched = inAnswersToo ? "question || ' ' || tags || ' ' || answer" : "question || ' ' || tags"
            var arguments: StatementArguments = [day.description, day.description]
            for term in terms { arguments += [term.text] }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM kb_article WHERE retired_at_ms IS NULL
                      AND (valid_from = '' OR valid_from <= ?) AND (valid_to = '' OR valid_to >= ?)
                      AND (\(Array(repeating: "instr(\(searched), ?) > 0", count: terms.count).joined(separator: " OR ")))
                    """,
                arguments: arguments
            )
            return (rows.map(Self.entry), vocabulary)
        }
    }

    /// A long call is cut into many terms; the first ones say what it is about.
    private static let mostTerms = 64

    private static func best(_ scored: [(entry: Entry, score: Double)], limit: Int) -> [(entry: Entry, score: Double)] {
        scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.entry.id < $1.entry.id }.prefix(limit).map {
            $0
        }
    }

    private static func decodeTags(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    static func entry(_ row: Row) -> Entry {
        let tags = decodeTags(row["tags"])
        let retiredAt: Int64? = row["retired_at_ms"]
        return Entry(
            id: row["id"], question: row["question"], answer: row["answer"], policyBasis: row["policy_basis"],
            tags: tags, validFrom: row["valid_from"], validTo: row["valid_to"],
            // An unknown source is nobody's to edit or publish.
            source: Source(rawValue: row["source"]) ?? .platform, version: row["version"],
            updatedAtMs: row["updated_at_ms"],
            retired: retiredAt != nil
        )
    }
}
