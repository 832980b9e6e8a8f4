import Foundation
import GRDB
import PlatformAdapter
import PlatformSimulatorCore
import RPC
import Synchronization
import TestSupport
import Testing
import WireProtocol

@testable import GatewayCore

/// The knowledge base at the 12345 edge: the platform's articles are pushed signed, checked field
/// by field, kept in the inbox and handed to intake; the bureau's are published from the outbox to
/// `/knowledge/articles/{id}/{kind}`, in order per article, once each.
@Suite("Gateway: shared knowledge base")
struct SharedKnowledgeGatewayTests {
    static let path = PlatformAPI.knowledgeArticlesPath

    static let published: JSONValue = [
        "type": "article_published", "article_id": "KA-2026-001", "version": 1,
        "updated_at": "2026-12-01T09:00:00+08:00",
        "question": "灵活就业人员如何参加养老保险？", "answer": "持身份证到户籍地社保经办机构登记缴费。", "policy_basis": "《社会保险法》第十条",
        "tags": ["灵活就业", "养老保险"], "valid_from": "2026-01-01",
    ]

    static func bureauArticle(_ id: String, version: UInt32, kind: String, answer: String = "可向劳动保障监察机构投诉。")
        -> Wire.EnqueueArticleMessageRequest
    {
        Wire.EnqueueArticleMessageRequest(
            message: Wire.ArticleMessage(
                messageId: "\(id)/\(version)", kind: kind,
                article: Wire.Article(
                    id: id, question: "单位拖欠工资怎么办？", answer: answer, policyBasis: "《保障农民工工资支付条例》", tags: ["欠薪"],
                    source: "bureau", version: version, updatedUnixMs: 1_764_207_000_000),
                actorId: "admin", reason: kind == "article_retired" ? "政策已调整" : ""))
    }

    @Test func aPlatformArticleIsKeptInTheInboxAndHandedToIntakeOnce() async throws {
        try await GatewayFixture.run { gateway in
            let first = try await gateway.post(Self.path, json: Self.published)
            #expect(first.status == 201, "\(first.json)")
            #expect(
                first.json["status"]?.stringValue == "accepted"
                    && first.json["stored_id"]?.stringValue == "12345:KA-2026-001")
            let again = try await gateway.post(Self.path, json: Self.published)
            #expect(again.status == 200 && again.json["status"]?.stringValue == "duplicate", "\(again.json)")

            let handed = try #require(gateway.intake.accepts.first)
            #expect(handed.retired == false)
            #expect(
                handed.article
                    == Wire.Article(
                        id: "KA-2026-001", question: "灵活就业人员如何参加养老保险？", answer: "持身份证到户籍地社保经办机构登记缴费。",
                        policyBasis: "《社会保险法》第十条", tags: ["灵活就业", "养老保险"], validFrom: "2026-01-01", version: 1,
                        updatedUnixMs: 1_796_086_800_000))
            let rows = try gateway.database.read { db -> [Row] in
                try Row.fetchAll(db, sql: "SELECT endpoint, outcome, http_status, article_id FROM inbox ORDER BY id")
            }
            #expect(rows.map { $0["outcome"] as String } == ["accepted", "duplicate"])
            #expect(
                rows.allSatisfy {
                    $0["article_id"] as String? == "KA-2026-001" && $0["endpoint"] as String == "POST \(Self.path)"
                })

            let retired = try await gateway.post(
                Self.path,
                json: [
                    "type": "article_retired", "article_id": "KA-2026-001", "version": 2,
                    "updated_at": "2026-12-05T09:00:00+08:00",
                ])
            #expect(retired.status == 201 && retired.json["status"]?.stringValue == "retired", "\(retired.json)")
            let unknown = try await gateway.post(
                Self.path,
                json: [
                    "type": "article_retired", "article_id": "KA-NOSUCH", "version": 1,
                    "updated_at": "2026-12-05T09:00:00+08:00",
                ])
            #expect(unknown.status == 404 && unknown.json.errorCode == "article_not_found")
        }
    }

    @Test func aBadPushNamesEveryBadFieldAndReachesNobody() async throws {
        try await GatewayFixture.run { gateway in
            let answer = try await gateway.post(
                Self.path,
                json: [
                    "type": "article_published", "article_id": "KA/1", "version": 0, "updated_at": "yesterday",
                    "answer": 42, "tags": ["养老", 7], "valid_from": "2026-13-01", "valid_to": "2026-01-01",
                ])
            #expect(answer.status == 422 && answer.json.errorCode == "invalid_fields")
            #expect(
                Set(answer.json.errorFields) == [
                    "article_id", "version", "updated_at", "question", "answer", "tags[1]", "valid_from",
                ], "\(answer.json)")
            let backwards = try await gateway.post(
                Self.path,
                json: [
                    "type": "article_published", "article_id": "KA-1", "version": 1,
                    "updated_at": "2026-12-01T09:00:00+08:00",
                    "question": "问", "answer": "答", "valid_from": "2026-12-31", "valid_to": "2026-01-01",
                ])
            #expect(backwards.status == 422 && backwards.json.errorFields == ["valid_to"])
            let unknownType = try await gateway.post(
                Self.path,
                json: [
                    "type": "article_deleted", "article_id": "KA-1", "version": 1,
                    "updated_at": "2026-12-01T09:00:00+08:00",
                ])
            #expect(unknownType.status == 422 && unknownType.json.errorFields == ["type"])
            #expect(gateway.intake.accepts.isEmpty)
            #expect(try gateway.inbox().map(\.status) == [422, 422, 422])
            // Signed like an order push: an unsigned one is refused before anything is read.
            let unsigned = try await gateway.postRaw(Self.path, Self.published.encoded(), headers: [])
            #expect(unsigned.status == 401)
        }
    }

    @Test func theBureausArticlesReachThePlatformInOrderPerArticleOnceEach() async throws {
        let lines = PlatformOutboxTests.Lines()
        // Below the ephemeral range, so that no server or connection of another test takes it
        // before the platform comes up (a port a probe had on port 0 could be, and was, taken).
        let platformPort = try await SystemTestPorts.free()
        try await GatewayFixture.run({ $0.platformURL = HTTPEndpoint(host: "127.0.0.1", port: platformPort) }) {
            gateway in
            let requests = [
                Self.bureauArticle("KB-A", version: 1, kind: "article_published"),
                Self.bureauArticle("KB-B", version: 1, kind: "article_published"),
                Self.bureauArticle("KB-A", version: 2, kind: "article_published", answer: "可投诉，也可申请仲裁。"),
                Self.bureauArticle("KB-A", version: 3, kind: "article_retired"),
            ]
            for request in requests { #expect(try gateway.handlers.enqueueArticle(request).enqueued) }
            #expect(try gateway.handlers.enqueueArticle(requests[0]).enqueued == false)
            var platformArticle = Self.bureauArticle("KA-1", version: 1, kind: "article_published")
            platformArticle.message?.article?.source = "12345"
            let refused = #expect(throws: RPCError.self) { try gateway.handlers.enqueueArticle(platformArticle) }
            #expect(refused?.fieldViolations.map(\.field) == ["message.article.source"])

            // The platform comes up only now: everything waited in the outbox.
            let simulator = PlatformOutboxTests.simulator(gateway: gateway.endpoint, port: platformPort, lines: lines)
            let received = try await PlatformOutboxTests.withSimulator(simulator) { _ in
                let arrived = try await eventually { simulator.receivedArticles.count >= 4 }
                #expect(arrived, "\(lines.lines.withLock { $0 })")
                return simulator.receivedArticles
            }
            #expect(received.filter { $0.articleID == "KB-A" }.map(\.messageID) == ["KB-A/1", "KB-A/2", "KB-A/3"])
            #expect(received.filter { $0.articleID == "KB-B" }.map(\.messageID) == ["KB-B/1"])
            #expect(!received.contains { $0.duplicate })
            let retirement = try #require(received.first { $0.kind == .retired })
            #expect(
                retirement.body["type"]?.stringValue == "article_retired"
                    && retirement.body["reason"]?.stringValue == "政策已调整")
            let change = try #require(received.first { $0.messageID == "KB-A/2" })
            #expect(change.body["answer"]?.stringValue == "可投诉，也可申请仲裁。" && change.body["version"]?.integerValue == 2)
            #expect(
                change.body["tags"]?.arrayValue == ["欠薪"]
                    && change.body["updated_at"]?.stringValue == "2025-11-27T09:30:00+08:00")
            let counts = simulator.receivedCounts
            #expect(counts["kinds"]?["article_published"]?["unique"]?.integerValue == 3)
            #expect(counts["kinds"]?["article_retired"]?["unique"]?.integerValue == 1)
            // The platform's answer reaches the outbox just after the simulator recorded the message.
            var delivered = Wire.ListOutboxResponse()
            let recorded = try await eventually {
                delivered = try await gateway.handlers.list(Wire.ListOutboxRequest(state: "delivered"))
                return delivered.entries.count == 4
            }
            #expect(recorded)
            #expect(
                Set(delivered.entries.map(\.summary)) == [
                    "article_published KB-A", "article_published KB-B", "article_retired KB-A",
                ])
        }
    }
}
