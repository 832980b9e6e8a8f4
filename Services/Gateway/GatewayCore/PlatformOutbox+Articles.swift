import Domain
import Foundation
import GRDB
import Outbox
import PlatformAdapter
import RPC
import WireProtocol

/// The bureau's knowledge-base articles for the 12345 platform (docs/platform-api.md, "Knowledge
/// base"): stored when intake hands them over, delivered like order messages, in order per
/// article (a change before the retirement), different articles in parallel.
extension PlatformOutbox {
    /// Stores `message` as the JSON the platform receives; `false` when its id was stored before.
    func enqueue(_ message: Wire.ArticleMessage, at now: Date) throws -> Bool {
        let (kind, articleID, body) = try Self.outbound(message)
        let entry = OutboxMessage(
            destination: GatewayOutbox.Destination.platform.rawValue, method: kind.rawValue, body: body.encoded(),
            orderingKey: "article:" + articleID, deduplicationKey: "platform-article:" + message.messageId,
            subject: "\(kind.rawValue) \(articleID)", context: kind.path(articleID: articleID)
        )
        return try database.write { db in try OutboxTable.enqueue([entry], at: now.unixMilliseconds, in: db)[0] != nil }
    }

    /// The message's kind, its article's id and the JSON body documented in docs/platform-api.md.
    static func outbound(_ message: Wire.ArticleMessage) throws(RPCError) -> (
        PlatformAPI.ArticleMessageKind, String, JSONValue
    ) {
        var violations: [FieldViolation] = []
        if message.messageId.allSatisfy(\.isWhitespace) {
            violations.append(FieldViolation(field: "message.message_id", code: "required", message: "required"))
        }
        let kind: PlatformAPI.ArticleMessageKind? = kind(message.kind, &violations)
        let article = message.article ?? Wire.Article()
        if !PlatformAPI.isValidOrderNumber(article.id) {
            violations.append(
                FieldViolation(
                    field: "message.article.id", code: "invalid_format", message: "1 to 64 of A-Z a-z 0-9 _ -"))
        }
        if article.source != "bureau" {
            violations.append(
                FieldViolation(
                    field: "message.article.source", code: "unknown_value",
                    message: "only the bureau's own articles go to the platform"))
        }
        if article.version == 0 {
            violations.append(FieldViolation(field: "message.article.version", code: "required", message: "1 or more"))
        }
        var body: [String: JSONValue] = [
            "message_id": .string(message.messageId), "type": .string(message.kind), "article_id": .string(article.id),
            "version": .integer(Int64(article.version)),
            "updated_at": .string(
                ShanghaiTime.iso8601(article.updatedUnixMs > 0 ? Date(unixMilliseconds: article.updatedUnixMs) : Date())
            ),
            "operator": .string(message.actorId),
        ]
        switch kind {
        case .published?:
            if article.question.allSatisfy(\.isWhitespace) {
                violations.append(
                    FieldViolation(field: "message.article.question", code: "required", message: "required"))
            }
            if article.answer.allSatisfy(\.isWhitespace) {
                violations.append(
                    FieldViolation(field: "message.article.answer", code: "required", message: "required"))
            }
            body["question"] = .string(article.question)
            body["answer"] = .string(article.answer)
            body["policy_basis"] = .string(article.policyBasis)
            body["tags"] = .array(article.tags.map(JSONValue.string))
            body["valid_from"] = article.validFrom.isEmpty ? .null : .string(article.validFrom)
            body["valid_to"] = article.validTo.isEmpty ? .null : .string(article.validTo)
        case .retired?:
            if !message.reason.isEmpty { body["reason"] = .string(message.reason) }
        case nil:
            break
        }
        guard violations.isEmpty, let kind else {
            throw RPCError(.invalidArgument, "the article message is incomplete", fieldViolations: violations)
        }
        return (kind, article.id, .object(body))
    }
}
