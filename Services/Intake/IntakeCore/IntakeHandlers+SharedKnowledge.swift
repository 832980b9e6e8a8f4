import Identity
import RPC
import WireProtocol

extension IntakeHandlers {
    /// An administrator retires one of the bureau's articles; the platform hears it.
    func retireArticle(_ request: Wire.RetireArticleRequest, _ credential: Credential) throws
        -> Wire.RetireArticleResponse
    {
        guard !request.id.isEmpty else {
            throw RPCError(
                .invalidArgument, "id is required",
                fieldViolations: [FieldViolation(field: "id", code: "required", message: "required")])
        }
        let retired = try desk.knowledgeBase.retire(request.id, reason: request.reason, by: credential)
        desk.outboxChanged()
        return Wire.RetireArticleResponse(article: Wire.Article(retired))
    }

    /// An article the 12345 platform shares (or retires), as the gateway received it.
    func acceptPlatformArticle(_ request: Wire.AcceptPlatformArticleRequest, _ credential: Credential) throws
        -> Wire.AcceptPlatformArticleResponse
    {
        guard let article = request.article else {
            throw RPCError(
                .invalidArgument, "article is required",
                fieldViolations: [FieldViolation(field: "article", code: "required", message: "required")])
        }
        let (stored, outcome) = try desk.knowledgeBase.acceptFromPlatform(
            KnowledgeBase.Entry(article), retired: request.retired, by: credential)
        return Wire.AcceptPlatformArticleResponse(article: Wire.Article(stored), status: outcome.rawValue)
    }
}
