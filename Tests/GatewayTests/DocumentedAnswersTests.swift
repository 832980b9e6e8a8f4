import Foundation
import Testing

@testable import GatewayCore

/// docs/platform-api.md and the code agree on what each answer is: every error the inbound path
/// can produce has its row in the document's error table, and a 503 always says when to retry.
@Suite("Documented answers")
struct DocumentedAnswersTests {
    static let errors: [APIError] = [
        .malformedJSON, .bodyTooLarge(limit: 1024), .invalidFields([]), .orderNotFound("X"), .stateConflict("not now"),
        .notKnownToBeStored, .storageUnavailable, .internalError,
        .unauthorized("missing_credentials", ""), .unauthorized("malformed_credentials", ""),
        .unauthorized("unknown_app_key", ""),
        .unauthorized("timestamp_out_of_window", ""), .unauthorized("bad_signature", ""),
        .unauthorized("nonce_replayed", ""),
        .tooManyRequests(retryAfterSeconds: 1, "source address"), .methodNotAllowed("GET", allowed: ["POST"]),
        APIError(status: 404, code: "not_found", message: ""),
        APIError(status: 404, code: "article_not_found", message: ""),
        APIError(status: 409, code: "event_id_reused", message: ""),
    ]

    /// The codes a 422's `fields` can carry, the gateway's own and intake's (issue 16.4).
    static let fieldCodes = [
        "required", "wrong_type", "unknown_value", "invalid_format", "too_long", "out_of_range", "not_found", "reused",
        "rejected",
        "invalid_phone", "invalid_id_number", "invalid_credit_code", "deadline_before_dispatch",
    ]

    static func document() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/platform-api.md"), encoding: .utf8)
    }

    @Test(arguments: errors)
    func everyErrorHasItsRowInTheDocument(_ error: APIError) throws {
        let document = try Self.document()
        let row = error.status == 401 ? "| `\(error.code)` |" : "| \(error.status) | `\(error.code)` |"
        #expect(document.contains(row), "docs/platform-api.md has no row \(row)")
        #expect([429, 503].contains(error.status) == (error.retryAfterSeconds != nil))
        #expect(error.status != 422 || !error.fields.isEmpty)
    }

    @Test(arguments: fieldCodes)
    func everyFieldCodeIsDocumented(_ code: String) throws {
        let document = try Self.document()
        let row = try #require(document.split(separator: "\n").first { $0.hasPrefix("| `fields[].code` |") })
        #expect(row.contains("`\(code)`"), "the fields[].code row does not name \(code)")
    }

    /// The edge's limits (issue 16.1) have their row in the configuration table, with the default in force.
    @Test(arguments: [
        "SUBAN_GATEWAY_SOURCE_RATE_PER_MINUTE", "SUBAN_GATEWAY_SOURCE_BURST",
        "SUBAN_GATEWAY_UNAUTHENTICATED_RATE_PER_MINUTE",
        "SUBAN_GATEWAY_UNAUTHENTICATED_BURST", "SUBAN_GATEWAY_APP_KEY_RATE_PER_MINUTE", "SUBAN_GATEWAY_APP_KEY_BURST",
        "SUBAN_GATEWAY_INBOX_RETENTION_DAYS",
    ])
    func everyEdgeLimitIsDocumentedWithItsDefault(_ variable: String) throws {
        let document = try Self.document()
        let row = try #require(
            document.split(separator: "\n").first { $0.hasPrefix("| ") && $0.contains("`\(variable)`") })
        let line = try #require(GatewayConfiguration().effectiveConfiguration.first { $0.hasPrefix(variable + "=") })
        let value = line.dropFirst(variable.count + 1)
        #expect(row.contains("`\(value)`"), "the row of \(variable) does not give its default \(value)")
    }

    /// The platform learns from one table what each status means for the order.
    @Test func theMeaningOfEachStatusForTheOrderIsDocumented() throws {
        let document = try Self.document()
        let section = try #require(
            document.range(of: "### What an answer means for the order").map { document[$0.lowerBound...] })
        for row in [
            "| `201` | stored now", "| `200` | already stored", "| `503` + `Retry-After` | **not known to be stored**",
            "| `4xx` | refused: nothing stored", "| `500` | nothing forwarded",
        ] {
            #expect(section.contains(row), "the section has no row \(row)")
        }
    }
}

extension APIError: CustomTestStringConvertible {
    var testDescription: String { "\(status) \(code)" }
}
