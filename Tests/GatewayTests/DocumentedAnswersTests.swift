import Foundation
@testable import GatewayCore
import Testing

/// docs/platform-api.md and the code agree on what each answer is: every error the inbound path
/// can produce has its row in the document's error table, and a 503 always says when to retry.
@Suite("Documented answers")
struct DocumentedAnswersTests {
    static let errors: [APIError] = [
        .malformedJSON, .bodyTooLarge(limit: 1024), .invalidFields([]), .orderNotFound("X"), .stateConflict("not now"),
        .notKnownToBeStored, .storageUnavailable, .internalError,
        .unauthorized("missing_credentials", ""), .unauthorized("nonce_replayed", ""),
    ]

    static func document() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs/platform-api.md"), encoding: .utf8)
    }

    @Test(arguments: errors)
    func everyErrorHasItsRowInTheDocument(_ error: APIError) throws {
        let document = try Self.document()
        let row = error.status == 401 ? "| `\(error.code)` |" : "| \(error.status) | `\(error.code)` |"
        #expect(document.contains(row), "docs/platform-api.md has no row \(row)")
        #expect((error.status == 503) == (error.retryAfterSeconds != nil))
        #expect(error.status != 422 || !error.fields.isEmpty)
    }

    /// The platform learns from one table what each status means for the order.
    @Test func theMeaningOfEachStatusForTheOrderIsDocumented() throws {
        let document = try Self.document()
        let section = try #require(document.range(of: "### What an answer means for the order").map { document[$0.lowerBound...] })
        for row in ["| `201` | stored now", "| `200` | already stored", "| `503` + `Retry-After` | **not known to be stored**", "| `4xx` | refused: nothing stored", "| `500` | nothing forwarded"] {
            #expect(section.contains(row), "the section has no row \(row)")
        }
    }
}

extension APIError: CustomTestStringConvertible {
    var testDescription: String { "\(status) \(code)" }
}
