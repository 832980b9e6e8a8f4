import Foundation
import Logging
import PlatformAdapter
import RPC
import WireProtocol

extension InboundDesk {
    /// An article the platform shares or retires: kept in the inbox before it goes to intake,
    /// which stores it read-only (idempotent on article id and version), then answered truthfully
    /// like an order: 201 stored now, 200 stored before, 503 when not known.
    func shareArticle(_ json: JSONValue, record: inout Inbox.Record) async throws(APIError) -> Answer {
        let article = try InboundArticle(json: json)
        record.articleID = article.articleID
        try await keepBeforeForwarding(&record)
        let response: Wire.AcceptPlatformArticleResponse
        do {
            response = try await intake.call(Wire.Intake.kbAccept, article.request)
        } catch {
            let refusal = Self.translateArticle(error, articleID: article.articleID)
            let uncertain = refusal == APIError.notKnownToBeStored
            record.outcome = uncertain ? Inbox.uncertain : refusal.code
            if uncertain {
                logger.warning(
                    "gateway.intake.uncertain", metadata: ["article.id": "\(article.articleID)", "error": "\(error)"])
            }
            return Answer(refusal)
        }
        let stored = response.article ?? Wire.Article()
        let created = response.status == "accepted" || response.status == "retired"
        record.outcome = created ? "accepted" : "duplicate"
        return Answer(
            status: created ? 201 : 200,
            body: [
                "article_id": .string(article.articleID), "version": .integer(article.version),
                "type": .string(article.kind.rawValue),
                "stored_id": .string(stored.id), "stored_version": .integer(Int64(stored.version)),
                "status": .string(response.status),
            ]
        )
    }

    /// Intake's error as the platform should see it: definite refusals are 4xx, anything else 503.
    static func translateArticle(_ error: RPCError, articleID: String) -> APIError {
        switch error.code {
        case .notFound:
            return APIError(
                status: 404, code: "article_not_found", message: "no article \(articleID) was shared by the platform")
        case .invalidArgument, .outOfRange:
            let fields = error.fieldViolations.map {
                APIError.FieldProblem(field: articleField($0.field), code: $0.code, message: $0.message)
            }
            return APIError.invalidFields(fields, message: error.message)
        default:
            return translate(error, orderNumber: "")
        }
    }

    /// Intake's field names (`article.valid_to`, `article.id`) in the adapter's terms.
    static func articleField(_ field: String) -> String {
        let name = field.hasPrefix("article.") ? String(field.dropFirst("article.".count)) : field
        return ["id": "article_id", "policyBasis": "policy_basis", "validFrom": "valid_from", "validTo": "valid_to"][
            name] ?? name
    }
}
