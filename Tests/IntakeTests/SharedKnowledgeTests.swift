import Domain
import Foundation
import GRDB
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// The knowledge base shared with the 12345 platform: every change and the
/// retirement of a bureau article is handed to the gateway in its transaction, in order; the
/// platform's articles are stored read-only beside the bureau's, idempotent on their version.
@Suite("Intake: knowledge base shared with 12345")
struct SharedKnowledgeTests {
    static let wages = Wire.Article(
        question: "单位拖欠工资怎么办？", answer: "可向劳动保障监察机构投诉。", policyBasis: "《保障农民工工资支付条例》", tags: ["欠薪"])
    static let platformArticle = Wire.Article(
        id: "KA-2026-001", question: "灵活就业人员如何参加养老保险？", answer: "持身份证到户籍地社保经办机构登记缴费。",
        policyBasis: "《社会保险法》第十条", tags: ["灵活就业"], version: 1, updatedUnixMs: 1_764_207_000_000)

    /// The article messages waiting in intake's outbox for the gateway, in the order written.
    static func articleMessages(_ intake: IntakeFixture) throws -> [(orderingKey: String, message: Wire.ArticleMessage)]
    {
        let rows = try intake.desk.store.database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT ordering_key, body FROM outbox_entry WHERE method = ? ORDER BY id",
                arguments: [ArticleCommands.enqueue.name])
        }
        return try rows.map { row in
            let message = try #require(
                try Wire.EnqueueArticleMessageRequest(wireBytes: Array(row["body"] as Data)).message)
            return (row["ordering_key"], message)
        }
    }

    static func accept(_ intake: IntakeFixture, _ article: Wire.Article, retired: Bool = false) async throws
        -> Wire.AcceptPlatformArticleResponse
    {
        try await intake.client.call(
            "intake.kb_accept", Wire.AcceptPlatformArticleRequest(article: article, retired: retired),
            as: Wire.AcceptPlatformArticleResponse.self,
            headers: TestIdentity.headers(for: TestIdentity.platform))
    }

    @Test func addingChangingAndRetiringAnArticleHandsEachVersionToTheGatewayInOrder() async throws {
        try await IntakeFixture.run { intake in
            let added = try #require(
                try await intake.client.call(
                    "intake.kb_add", Wire.AddArticleRequest(article: Self.wages), as: Wire.AddArticleResponse.self
                ).article)
            #expect(added.id.hasPrefix("KB-") && added.version == 1 && added.source == "bureau")
            // Saved unchanged: no new version, nothing for the platform.
            var same = Self.wages
            same.id = added.id
            _ = try await intake.client.call(
                "intake.kb_add", Wire.AddArticleRequest(article: same), as: Wire.AddArticleResponse.self)
            var changed = same
            changed.answer = "可向劳动保障监察机构投诉，或申请劳动争议仲裁。"
            let second = try await intake.client.call(
                "intake.kb_add", Wire.AddArticleRequest(article: changed), as: Wire.AddArticleResponse.self)
            #expect(second.article?.version == 2)
            let retired = try await intake.client.call(
                "intake.kb_retire", Wire.RetireArticleRequest(id: added.id, reason: "政策已调整"),
                as: Wire.RetireArticleResponse.self)
            #expect(retired.article?.version == 3)

            let messages = try Self.articleMessages(intake)
            #expect(messages.map(\.message.kind) == ["article_published", "article_published", "article_retired"])
            #expect(messages.map(\.message.messageId) == ["\(added.id)/1", "\(added.id)/2", "\(added.id)/3"])
            #expect(Set(messages.map(\.orderingKey)) == ["article:\(added.id)"])
            #expect(
                messages[1].message.article?.answer == changed.answer
                    && messages[1].message.actorId == TestIdentity.administrator.id)
            #expect(messages[2].message.reason == "政策已调整")

            // Retired: found no more, answers nothing, and retiring again changes nothing.
            let hits = try await intake.client.call(
                "intake.kb_search", Wire.SearchArticlesRequest(query: "拖欠工资"), as: Wire.SearchArticlesResponse.self
            ).hits
            #expect(hits.isEmpty)
            #expect(throws: RPCError.self) { try intake.handlers.withArticleAnswer(added.id) }
            _ = try await intake.client.call(
                "intake.kb_retire", Wire.RetireArticleRequest(id: added.id), as: Wire.RetireArticleResponse.self)
            #expect(try Self.articleMessages(intake).count == 3)
            let edits = try await intake.desk.store.database.read { db -> [String] in
                try String.fetchAll(db, sql: "SELECT action FROM edit_event ORDER BY sequence")
            }
            #expect(edits == ["kb_article_saved", "kb_article_saved", "kb_article_retired"])
        }
    }

    @Test func onlyAnAdministratorRetiresAndOnlyThePlatformShares() async throws {
        try await IntakeFixture.run { intake in
            let added = try #require(
                try await intake.client.call(
                    "intake.kb_add", Wire.AddArticleRequest(article: Self.wages), as: Wire.AddArticleResponse.self
                ).article)
            let liaison = WorkOrder.Actor(id: "li.wei", role: .liaison, unitCode: "employment_office")
            let refused = await #expect(throws: RPCError.self) {
                try await intake.client.call(
                    "intake.kb_retire", Wire.RetireArticleRequest(id: added.id), as: Wire.RetireArticleResponse.self,
                    headers: TestIdentity.headers(for: liaison))
            }
            #expect(refused?.code == .permissionDenied)
            let notPlatform = await #expect(throws: RPCError.self) {
                try await intake.client.call(
                    "intake.kb_accept", Wire.AcceptPlatformArticleRequest(article: Self.platformArticle),
                    as: Wire.AcceptPlatformArticleResponse.self)
            }
            #expect(notPlatform?.code == .permissionDenied)
            #expect(try intake.rows(in: "kb_article") == 1)
            let missing = await #expect(throws: RPCError.self) {
                try await intake.client.call(
                    "intake.kb_retire", Wire.RetireArticleRequest(id: "KB-NOSUCH"), as: Wire.RetireArticleResponse.self)
            }
            #expect(missing?.code == .notFound)
        }
    }

    @Test func aPlatformArticleIsStoredReadOnlyFoundWithItsSourceAndNeverHandedBack() async throws {
        try await IntakeFixture.run { intake in
            let first = try await Self.accept(intake, Self.platformArticle)
            #expect(
                first.status == "accepted" && first.article?.id == "12345:KA-2026-001"
                    && first.article?.source == "12345")
            _ = try await intake.client.call(
                "intake.kb_add", Wire.AddArticleRequest(article: Self.wages), as: Wire.AddArticleResponse.self)

            let hits = try await intake.client.call(
                "intake.kb_search", Wire.SearchArticlesRequest(query: "灵活就业 养老保险"), as: Wire.SearchArticlesResponse.self
            ).hits
            #expect(hits.first?.article?.id == "12345:KA-2026-001" && hits.first?.article?.source == "12345")
            // In force, so it answers like any article.
            if case .answerFromKnowledgeBase(let id, let answer) = try intake.handlers.withArticleAnswer(
                "12345:KA-2026-001")
            {
                #expect(id == "12345:KA-2026-001" && answer.hasPrefix("持身份证"))
            } else {
                Issue.record("no answer from the platform's article")
            }

            // Staff cannot edit or retire it, nor take its id space.
            var edit = Self.platformArticle
            edit.id = "12345:KA-2026-001"
            for request in [Wire.AddArticleRequest(article: edit)] {
                let error = await #expect(throws: RPCError.self) {
                    try await intake.client.call("intake.kb_add", request, as: Wire.AddArticleResponse.self)
                }
                #expect(
                    error?.code == .failedPrecondition && error?.fieldViolations.first?.code == "read_only",
                    "\(String(describing: error))")
            }
            let retire = await #expect(throws: RPCError.self) {
                try await intake.client.call(
                    "intake.kb_retire", Wire.RetireArticleRequest(id: "12345:KA-2026-001"),
                    as: Wire.RetireArticleResponse.self)
            }
            #expect(retire?.code == .failedPrecondition && retire?.message.contains("只读") == true)
            let stored = try #require(try intake.desk.knowledgeBase.entry(id: "12345:KA-2026-001"))
            #expect(stored.answer == Self.platformArticle.answer && stored.version == 1 && !stored.retired)

            // Only the bureau's own article went to the gateway.
            #expect(try Self.articleMessages(intake).map(\.message.kind) == ["article_published"])
            #expect(try Self.articleMessages(intake).first?.message.article?.source == "bureau")
        }
    }

    @Test func aRepushOfTheSameVersionChangesNothingAndAnOlderOneIsStale() async throws {
        try await IntakeFixture.run { intake in
            var second = Self.platformArticle
            second.version = 2
            second.answer = "可通过网上经办平台登记缴费。"
            #expect(try await Self.accept(intake, second).status == "accepted")
            let edits = try intake.rows(in: "edit_event")
            var repush = second
            repush.answer = "另一版本的答复"
            #expect(try await Self.accept(intake, repush).status == "duplicate")
            #expect(try await Self.accept(intake, Self.platformArticle).status == "stale")
            #expect(try intake.rows(in: "edit_event") == edits)
            #expect(try intake.desk.knowledgeBase.entry(id: "12345:KA-2026-001")?.answer == second.answer)

            var retirement = Wire.Article(id: second.id, version: 3)
            retirement.updatedUnixMs = 1_764_300_000_000
            #expect(try await Self.accept(intake, retirement, retired: true).status == "retired")
            #expect(try await Self.accept(intake, retirement, retired: true).status == "duplicate")
            #expect(
                try await intake.client.call(
                    "intake.kb_search", Wire.SearchArticlesRequest(query: "灵活就业"), as: Wire.SearchArticlesResponse.self
                ).hits.isEmpty)
            let unknown = await #expect(throws: RPCError.self) {
                try await Self.accept(intake, Wire.Article(id: "KA-NOSUCH", version: 1), retired: true)
            }
            #expect(unknown?.code == .notFound)
        }
    }

    @Test func aBadPlatformArticleIsRefusedFieldByFieldAndStoresNothing() async throws {
        try await IntakeFixture.run { intake in
            let bad = Wire.Article(
                id: "KA/1", question: "", answer: "答", validFrom: "2026-12-31", validTo: "2026-01-01", version: 0)
            let error = await #expect(throws: RPCError.self) { try await Self.accept(intake, bad) }
            #expect(error?.code == .invalidArgument)
            #expect(
                Set(error?.fieldViolations.map(\.field) ?? []) == [
                    "article.id", "article.question", "article.valid_to", "article.version",
                ])
            let stored = try intake.rows(in: "kb_article")
            #expect(stored == 0)
        }
    }
}
