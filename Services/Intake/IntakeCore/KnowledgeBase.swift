import Domain
import Foundation
import GRDB
import Identity
import RPC
import ServiceKit
import WireProtocol

/// The knowledge base shared by the 12333 and 12345 lines: articles with a question, an answer,
/// their policy basis and a validity period, searchable in Chinese.
struct KnowledgeBase: Sendable {
    /// An article as stored.
    struct Entry: Sendable, Hashable, Codable {
        var id: String
        var question: String
        var answer: String
        var policyBasis: String
        var tags: [String]
        var validFrom: String
        var validTo: String

        enum CodingKeys: String, CodingKey {
            case id, question, answer, tags
            case policyBasis = "policy_basis"
            case validFrom = "valid_from"
            case validTo = "valid_to"
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
        if entry.question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("question", "required", "a question is required") }
        if entry.answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("answer", "required", "an answer is required") }
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

    /// Adds or replaces articles in one transaction, each edit recorded as `credential`'s; nothing
    /// is stored if any is invalid.
    func upsert(_ entries: [Entry], by credential: Credential) throws -> [Entry] {
        var violations: [FieldViolation] = []
        for (index, entry) in entries.enumerated() {
            violations += Self.violations(of: entry, prefix: entries.count == 1 ? "article" : "articles[\(index)]")
        }
        guard violations.isEmpty else { throw RPCError(.invalidArgument, "invalid article", fieldViolations: violations) }
        let stored = entries.map { entry in
            var entry = entry
            if entry.id.isEmpty { entry.id = "KB-" + UUID().uuidString.prefix(8).uppercased() }
            return entry
        }
        try database.write { db in
            for entry in stored {
                let tags = String(decoding: try JSONEncoder().encode(entry.tags), as: UTF8.self)
                try db.execute(
                    sql: """
                        INSERT INTO kb_article (id, question, answer, policy_basis, tags, valid_from, valid_to)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET question = excluded.question, answer = excluded.answer,
                            policy_basis = excluded.policy_basis, tags = excluded.tags,
                            valid_from = excluded.valid_from, valid_to = excluded.valid_to
                        """,
                    arguments: [entry.id, entry.question, entry.answer, entry.policyBasis, tags, entry.validFrom, entry.validTo]
                )
                try EditLog.record(db, by: credential, action: "kb_article_saved", subject: entry.id, detail: entry.question)
            }
        }
        return stored
    }

    func entry(id: String) throws -> Entry? {
        try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM kb_article WHERE id = ?", arguments: [id]).map(Self.entry) }
    }

    /// Articles valid on `day` that answer `query`, best first, with a score in [0, 1]: the share
    /// of the query's trigrams found in the question and tags (weighted 0.7) and in the answer (0.3).
    func search(_ query: String, on day: LocalDate, limit: Int) throws -> [(entry: Entry, score: Double)] {
        let terms = Self.terms(query)
        // Two-character words (工资, 养老, 退休) have no trigram: a query made only of such words is
        // matched word by word instead.
        if !terms.isEmpty && terms.allSatisfy({ $0.count < 3 }) {
            return try searchShortTerms(terms, on: day, limit: limit)
        }
        let queryTrigrams = Trigrams(query)
        guard !queryTrigrams.set.isEmpty else { return [] }
        let match = queryTrigrams.set.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " OR ")
        let date = day.description
        let rows = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT kb_article.* FROM kb_article_fts JOIN kb_article ON kb_article.rowid = kb_article_fts.rowid
                    WHERE kb_article_fts MATCH ?
                      AND (valid_from = '' OR valid_from <= ?) AND (valid_to = '' OR valid_to >= ?)
                    ORDER BY bm25(kb_article_fts) LIMIT 100
                    """,
                arguments: [match, date, date]
            )
        }
        return rows.map(Self.entry).map { entry in
            let heading = Trigrams(entry.question + entry.tags.joined())
            let body = Trigrams(entry.answer)
            return (entry, 0.7 * queryTrigrams.coverage(by: heading) + 0.3 * queryTrigrams.coverage(by: body))
        }
        .sorted { $0.score > $1.score }
        .prefix(limit)
        .map { $0 }
    }

    /// Articles containing any of `terms` (each under three characters), scored like the trigram
    /// search: the share of terms in the question or tags counts 0.7, in the answer 0.3. The
    /// table is scanned, which its size (hundreds of articles) allows.
    private func searchShortTerms(_ terms: [String], on day: LocalDate, limit: Int) throws -> [(entry: Entry, score: Double)] {
        let date = day.description
        var conditions: [String] = []
        var arguments: StatementArguments = [date, date]
        for term in terms {
            conditions.append("instr(question, ?) > 0 OR instr(tags, ?) > 0 OR instr(answer, ?) > 0")
            arguments += [term, term, term]
        }
        let rows = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM kb_article WHERE (valid_from = '' OR valid_from <= ?) AND (valid_to = '' OR valid_to >= ?)
                      AND (\(conditions.joined(separator: " OR ")))
                    """,
                arguments: arguments
            )
        }
        let scored: [(entry: Entry, score: Double)] = rows.map(Self.entry).map { ($0, Self.score($0, terms: terms)) }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.entry.id < $1.entry.id }
            .prefix(limit)
            .map { $0 }
    }

    private static func score(_ entry: Entry, terms: [String]) -> Double {
        let heading: String = entry.question + entry.tags.joined()
        let share: Double = 1 / Double(terms.count)
        var score = 0.0
        for term in terms {
            if heading.contains(term) { score += 0.7 * share }
            if entry.answer.contains(term) { score += 0.3 * share }
        }
        return score
    }

    /// The words of a query: what white space and punctuation separate.
    static func terms(_ query: String) -> [String] {
        query.split { $0.isWhitespace || $0.isPunctuation }.map(String.init)
    }

    private static func entry(_ row: Row) -> Entry {
        let tags = (try? JSONDecoder().decode([String].self, from: Data((row["tags"] as String).utf8))) ?? []
        return Entry(
            id: row["id"], question: row["question"], answer: row["answer"], policyBasis: row["policy_basis"],
            tags: tags, validFrom: row["valid_from"], validTo: row["valid_to"]
        )
    }
}
