import Domain
import Foundation
import PlatformAdapter
import WireProtocol

/// An article the platform shares, or retires (docs/platform-api.md, "Knowledge base"), read from
/// JSON into the `intake.kb_accept` request it stands for. Every field is checked here, so that
/// one 422 names every bad one; intake checks the content again.
struct InboundArticle: Sendable, Equatable {
    var articleID: String
    var kind: PlatformAPI.ArticleMessageKind
    var version: Int64
    var request: Wire.AcceptPlatformArticleRequest

    /// The limits of a bureau article (`KnowledgeBase.violations`), the same for the platform's.
    static let maximumQuestion = 1000
    static let maximumAnswer = 10_000
    static let maximumTags = 20
    static let maximumTag = 50

    init(json body: JSONValue) throws(APIError) {
        guard case .object = body else { throw APIError.malformedJSON }
        var reader = JSONFieldReader()
        let type = reader.oneOf(body, "type", allowed: PlatformAPI.ArticleMessageKind.allCases.map(\.rawValue))
            .flatMap(PlatformAPI.ArticleMessageKind.init(rawValue:))
        let articleID = reader.identifier(body, "article_id")
        let version = reader.integer(body, "version", in: 1...Int64(UInt32.max))
        let updatedAt = reader.timestamp(body, "updated_at")
        var article = Wire.Article(
            id: articleID ?? "", version: UInt32(clamping: version ?? 0),
            updatedUnixMs: updatedAt?.unixMilliseconds ?? 0)
        if type == .published {
            article.question = reader.string(body, "question", maxLength: Self.maximumQuestion) ?? ""
            article.answer = reader.string(body, "answer", maxLength: Self.maximumAnswer) ?? ""
            article.policyBasis = reader.string(body, "policy_basis", required: false) ?? ""
            for (index, item) in (reader.array(body, "tags", maxCount: Self.maximumTags) ?? []).enumerated() {
                guard let tag = item.stringValue else {
                    reader.problem("tags[\(index)]", "wrong_type", "must be a string, not a \(item.typeName)")
                    continue
                }
                guard !tag.allSatisfy(\.isWhitespace), tag.count <= Self.maximumTag else {
                    reader.problem("tags[\(index)]", "invalid_format", "1 to \(Self.maximumTag) characters, not blank")
                    continue
                }
                article.tags.append(tag)
            }
            let validFrom = reader.date(body, "valid_from", required: false)
            let validTo = reader.date(body, "valid_to", required: false)
            if let validFrom, let validTo, validTo < validFrom {
                reader.problem("valid_to", "out_of_range", "must not be before valid_from (\(validFrom))")
            }
            article.validFrom = validFrom?.description ?? ""
            article.validTo = validTo?.description ?? ""
        }
        guard reader.problems.isEmpty, let type, let articleID, let version else {
            throw APIError.invalidFields(reader.problems)
        }
        self.articleID = articleID
        kind = type
        self.version = version
        request = Wire.AcceptPlatformArticleRequest(article: article, retired: type == .retired)
    }
}
