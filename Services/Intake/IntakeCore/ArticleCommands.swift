import Foundation
import Outbox
import ServiceDirectory
import ServiceKit
import WireProtocol

/// What the 12345 platform must hear after a change of one of the bureau's knowledge-base
/// articles: the article as published (added or changed) or its retirement.
/// Handed to the gateway through the outbox in the transaction of the change, like an order's
/// messages, and ordered per article; the platform's own articles never produce one.
enum ArticleCommands {
    static let enqueue = Wire.Gateway.enqueueArticleMessage

    enum Kind: String {
        case published = "article_published"
        case retired = "article_retired"
    }

    static func published(_ entry: KnowledgeBase.Entry, by actor: String) throws -> OutboxMessage {
        try message(.published, entry, actor: actor, reason: "")
    }

    static func retired(_ entry: KnowledgeBase.Entry, by actor: String, reason: String) throws -> OutboxMessage {
        try message(.retired, entry, actor: actor, reason: reason)
    }

    private static func message(_ kind: Kind, _ entry: KnowledgeBase.Entry, actor: String, reason: String) throws
        -> OutboxMessage
    {
        let message = Wire.ArticleMessage(
            messageId: "\(entry.id)/\(entry.version)", kind: kind.rawValue, article: Wire.Article(entry),
            actorId: actor, reason: reason)
        return IntakeOutbox.message(
            to: .gateway, method: enqueue, body: try Wire.EnqueueArticleMessageRequest(message: message).wireBytes(),
            orderID: "article:\(entry.id)")
    }
}
