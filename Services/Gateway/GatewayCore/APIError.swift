import PlatformAdapter

/// An error answered to an HTTP caller, as documented in docs/platform-api.md ("Errors"):
///
///     {"error": {"code": "...", "message": "...", "fields": [{"field": "...", "code": "...", "message": "..."}]}}
///
/// `code` is stable and meant for programs; `message` is for people.
struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem with one field of the request, named by its JSON path (`caller.phone`,
    /// `attachments[2].url`) or, for authentication, by its header.
    struct FieldProblem: Sendable, Equatable {
        var field: String
        var code: String
        var message: String
    }

    var status: Int
    var code: String
    var message: String
    var fields: [FieldProblem] = []
    /// Seconds the caller should wait before retrying, for 503 and 429.
    var retryAfterSeconds: Int?

    var description: String { "\(status) \(code): \(message)" }

    var json: JSONValue {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if !fields.isEmpty {
            error["fields"] = .array(
                fields.map { ["field": .string($0.field), "code": .string($0.code), "message": .string($0.message)] })
        }
        return ["error": .object(error)]
    }

    // The errors of the adapter, one constructor each so that codes are spelled in one place.

    static func unauthorized(_ code: String, _ message: String, fields: [FieldProblem] = []) -> APIError {
        APIError(status: 401, code: code, message: message, fields: fields)
    }

    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: 413, code: "body_too_large", message: "the body is larger than \(limit) bytes")
    }

    static let malformedJSON = APIError(
        status: 400, code: "malformed_json", message: "the body is not a JSON object in UTF-8")

    /// A 422 always names what to fix: a refusal that intake gave for no one field (it did not
    /// say which) names the body as a whole, `$`, with intake's explanation.
    static func invalidFields(_ fields: [FieldProblem], message: String = "some fields are missing or invalid")
        -> APIError
    {
        let named = fields.isEmpty ? [FieldProblem(field: "$", code: "rejected", message: message)] : fields
        return APIError(status: 422, code: "invalid_fields", message: message, fields: named)
    }

    /// Over a rate limit (per source address or per app key): nothing was read, kept or forwarded.
    static func tooManyRequests(retryAfterSeconds: Int, _ what: String) -> APIError {
        APIError(
            status: 429, code: "too_many_requests",
            message: "too many requests from this \(what): retry after \(retryAfterSeconds) s",
            retryAfterSeconds: retryAfterSeconds
        )
    }

    static func methodNotAllowed(_ method: String, allowed: [String]) -> APIError {
        APIError(
            status: 405, code: "method_not_allowed",
            message: "\(method) is not served here; use \(allowed.joined(separator: " or "))")
    }

    static func orderNotFound(_ number: String) -> APIError {
        APIError(status: 404, code: "order_not_found", message: "no order \(number) was received from this channel")
    }

    static func stateConflict(_ message: String) -> APIError {
        APIError(status: 409, code: "state_conflict", message: message)
    }

    /// Intake's answer was lost, late, or not definite: the order may be stored (the event
    /// applied) or not. The same request again is safe (idempotent) and its answer is definite.
    static let notKnownToBeStored = APIError(
        status: 503, code: "temporarily_unavailable",
        message: "the request is not known to have taken effect: retry the same request, it is idempotent",
        retryAfterSeconds: 5
    )

    /// The gateway cannot keep its record of the request (database full or read-only), so it
    /// forwarded nothing.
    static let storageUnavailable = APIError(
        status: 503, code: "temporarily_unavailable",
        message: "the gateway cannot record the request now and forwarded nothing: retry the same request later",
        retryAfterSeconds: 5
    )

    /// A bug in the gateway, met before anything was forwarded.
    static let internalError = APIError(
        status: 500, code: "internal",
        message: "the gateway failed before forwarding anything; the request changed nothing")
}
