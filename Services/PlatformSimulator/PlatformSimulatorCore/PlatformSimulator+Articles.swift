public import Foundation
public import PlatformAdapter
import Synchronization

/// The shared knowledge base (docs/platform-api.md, "Knowledge base"): the simulated platform
/// records the bureau's articles the gateway publishes, and pushes articles of its own.
extension PlatformSimulator {
    /// An article message the gateway delivered, as received.
    public struct ReceivedArticle: Sendable {
        public var messageID: String
        public var kind: PlatformAPI.ArticleMessageKind
        public var articleID: String
        public var body: JSONValue
        public var duplicate: Bool
    }

    /// An article the platform shares with the bureau.
    public struct SharedArticle: Sendable {
        public var id: String
        public var version: Int
        public var question: String
        public var answer: String
        public var policyBasis = ""
        public var tags: [String] = []
        public var validFrom = ""
        public var validTo = ""

        public init(
            id: String, version: Int, question: String, answer: String, policyBasis: String = "", tags: [String] = [],
            validFrom: String = "", validTo: String = ""
        ) {
            self.id = id
            self.version = version
            self.question = question
            self.answer = answer
            self.policyBasis = policyBasis
            self.tags = tags
            self.validFrom = validFrom
            self.validTo = validTo
        }

        /// The push body of `article_published`, as documented.
        public func body(updatedAt: Date) -> JSONValue {
            var body: [String: JSONValue] = [
                "type": .string(PlatformAPI.ArticleMessageKind.published.rawValue), "article_id": .string(id),
                "version": .integer(Int64(version)),
                "updated_at": .string(PlatformSimulator.iso8601(updatedAt)), "question": .string(question),
                "answer": .string(answer),
                "policy_basis": .string(policyBasis), "tags": .array(tags.map(JSONValue.string)),
            ]
            if !validFrom.isEmpty { body["valid_from"] = .string(validFrom) }
            if !validTo.isEmpty { body["valid_to"] = .string(validTo) }
            return .object(body)
        }
    }

    /// Every article message received so far, in order.
    public var receivedArticles: [ReceivedArticle] { state.withLock { $0.articles } }

    /// Handles one article message from the gateway: verified and counted like an order message
    /// (idempotent on its message id), answered 200.
    public func receiveArticle(
        kind: PlatformAPI.ArticleMessageKind, articleID: String, target: String, header: (String) -> String?,
        body: [UInt8], now: Date = Date()
    ) -> (status: Int, body: JSONValue) {
        let json: JSONValue
        let messageID: String
        switch admit(kind.rawValue, for: articleID, target: target, header: header, body: body, now: now) {
        case .success(let admitted): (json, messageID) = admitted
        case .failure(let refusal): return refusal.answer
        }
        let duplicate = state.withLock { state -> Bool in
            let duplicate = Self.noteReceipt(messageID, kind: kind.rawValue, at: now, in: &state)
            state.articles.append(
                ReceivedArticle(
                    messageID: messageID, kind: kind, articleID: articleID, body: json, duplicate: duplicate))
            return duplicate
        }
        let version = json["version"]?.integerValue ?? 0
        let question = kind == .published ? " question=\(json["question"]?.stringValue?.prefix(40) ?? "")" : ""
        output(
            "received \(duplicate ? "DUPLICATE " : "")\(kind.rawValue) for \(articleID) message=\(messageID) version=\(version)\(question) → 200"
        )
        return (200, ["message_id": .string(messageID), "status": .string(duplicate ? "duplicate" : "received")])
    }

    /// Pushes `article` to the gateway (shared, or a new version of it), signed like an order.
    @discardableResult
    public func pushArticle(_ article: SharedArticle, now: Date = Date()) async -> PushResult {
        await pushArticleBody(
            article.body(updatedAt: now), articleID: article.id, version: article.version, kind: .published)
    }

    /// Pushes the retirement of the platform's article `id` as its version `version`.
    @discardableResult
    public func retireArticle(_ id: String, version: Int, now: Date = Date()) async -> PushResult {
        let body: JSONValue = [
            "type": .string(PlatformAPI.ArticleMessageKind.retired.rawValue), "article_id": .string(id),
            "version": .integer(Int64(version)),
            "updated_at": .string(Self.iso8601(now)),
        ]
        return await pushArticleBody(body, articleID: id, version: version, kind: .retired)
    }

    /// Pushes any body to the article endpoint (a test's malformed one, too).
    @discardableResult
    public func pushArticleBody(
        _ body: JSONValue, articleID: String, version: Int, kind: PlatformAPI.ArticleMessageKind
    ) async -> PushResult {
        let result = await post(
            PlatformAPI.knowledgeArticlesPath, body, key: "\(articleID)/\(version)", orderNumber: "", isOrder: false)
        let line =
            "pushed \(kind.rawValue) \(articleID) v\(version) → \(result.status) \(Self.outcome(result.body))\(Self.attemptsNote(result.attempts))"
        output(line)
        return PushResult(status: result.status, body: result.body, line: line, attempts: result.attempts)
    }
}
