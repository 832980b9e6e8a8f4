import Domain
import Foundation
import GRDB
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

@Suite("Intake: knowledge base")
struct KnowledgeBaseTests {
    static let articles: [Wire.Article] = [
        Wire.Article(
            question: "失业保险金怎么申领？", answer: "携带身份证到参保地失业保险经办机构或线上申领。", policyBasis: "《失业保险条例》第十六条", tags: ["失业保险"]),
        Wire.Article(
            question: "养老保险关系如何转移接续？", answer: "在新参保地申请，原参保地转出。", policyBasis: "《城镇企业职工基本养老保险关系转移接续暂行办法》",
            tags: ["养老保险"]),
        Wire.Article(
            question: "工伤认定需要哪些材料？", answer: "工伤认定申请表、劳动关系证明、医疗诊断证明。", policyBasis: "《工伤保险条例》第十八条", tags: ["工伤"]),
        Wire.Article(
            question: "2020年社保减免政策", answer: "阶段性减免企业社会保险费。", policyBasis: "人社部发〔2020〕11号", tags: ["社保"],
            validFrom: "2020-02-01", validTo: "2020-12-31"),
    ]

    static func seed(_ intake: IntakeFixture) async throws {
        for article in articles {
            _ = try await intake.client.call(
                "intake.kb_add", Wire.AddArticleRequest(article: article), as: Wire.AddArticleResponse.self)
        }
    }

    @Test(arguments: [
        ("怎么申领失业保险金", "失业保险金怎么申领？"),
        ("养老保险转移", "养老保险关系如何转移接续？"),
        ("工伤认定材料", "工伤认定需要哪些材料？"),
    ])
    func chineseQueriesFindTheirArticleFirst(query: String, expected: String) async throws {
        try await IntakeFixture.run { intake in
            try await Self.seed(intake)
            let response = try await intake.client.call(
                "intake.kb_search", Wire.SearchArticlesRequest(query: query), as: Wire.SearchArticlesResponse.self)
            #expect(response.hits.first?.article?.question == expected)
        }
    }

    /// Two-character words have no trigram of their own; they are matched as words.
    @Test(arguments: [
        ("失业", "失业保险金怎么申领？"),
        ("养老", "养老保险关系如何转移接续？"),
        ("工伤 材料", "工伤认定需要哪些材料？"),
    ])
    func twoCharacterWordsFindTheirArticle(query: String, expected: String) async throws {
        try await IntakeFixture.run { intake in
            try await Self.seed(intake)
            let response = try await intake.client.call(
                "intake.kb_search", Wire.SearchArticlesRequest(query: query), as: Wire.SearchArticlesResponse.self)
            #expect(response.hits.first?.article?.question == expected)
            #expect(
                !response.hits.contains { $0.article?.validTo == "2020-12-31" }, "an expired article is not offered")
        }
    }

    @Test func aWordNoArticleHoldsFindsNothing() async throws {
        try await IntakeFixture.run { intake in
            try await Self.seed(intake)
            let response = try await intake.client.call(
                "intake.kb_search", Wire.SearchArticlesRequest(query: "医保"), as: Wire.SearchArticlesResponse.self)
            #expect(response.hits.isEmpty)
        }
    }

    @Test func expiredArticlesAreNotOffered() async throws {
        try await IntakeFixture.run { intake in
            try await Self.seed(intake)
            let today = try await intake.client.call(
                "intake.kb_search", Wire.SearchArticlesRequest(query: "社保减免政策"), as: Wire.SearchArticlesResponse.self)
            #expect(!today.hits.contains { $0.article?.question == "2020年社保减免政策" })
            let then = try await intake.client.call(
                "intake.kb_search", Wire.SearchArticlesRequest(query: "社保减免政策", onDate: "2020-06-01"),
                as: Wire.SearchArticlesResponse.self)
            #expect(then.hits.first?.article?.question == "2020年社保减免政策")
        }
    }

    @Test func aConsultationWithACloseArticleIsProposedForImmediateAnswer() async throws {
        try await IntakeFixture.run(
            routingDecision: Wire.RoutingDecision(
                units: ["office"], handlingMode: "immediate_answer", track: "regular", ruleId: "test.kb")
        ) { intake in
            try await Self.seed(intake)
            let response = try await intake.submit(
                IntakeFixture.draft(content: "请问失业保险金怎么申领？", kind: "consultation", topic: "unemployment_insurance"))
            let order = try #require(response.order)
            #expect(order.state == "received")
            #expect(!order.knowledgeBaseArticleId.isEmpty)
            let answered = try await intake.apply(
                order.id, "answer_from_knowledge_base", as: "bureau_desk", unit: "office"
            ) { $0.articleId = order.knowledgeBaseArticleId }
            #expect(answered.order?.state == "answered_from_knowledge_base")
        }
    }

    /// 12345 gets the article's answer and its basis, never a placeholder, and only after a
    /// colleague of the desk reviewed it; an article out of force answers nothing.
    @Test func theReplyTo12345IsTheArticlesTextAfterReview() async throws {
        try await IntakeFixture.run(
            routingDecision: Wire.RoutingDecision(
                units: ["office"], handlingMode: "immediate_answer", track: "regular", ruleId: "test.kb")
        ) { intake in
            try await Self.seed(intake)
            let order = try #require(
                try await intake.submit(
                    IntakeFixture.draft(content: "请问失业保险金怎么申领？", kind: "consultation", topic: "unemployment_insurance")
                ).order)
            // The proposal is shown on the order until the desk answers or assigns it.
            let shown = try await intake.client.call(
                "intake.get", Wire.GetOrderRequest(id: order.id), as: Wire.GetOrderResponse.self)
            #expect(
                shown.order?.knowledgeBaseArticleId == order.knowledgeBaseArticleId
                    && !order.knowledgeBaseArticleId.isEmpty)
            let expired = try #require(
                try await intake.client.call(
                    "intake.kb_search", Wire.SearchArticlesRequest(query: "社保减免政策", onDate: "2020-06-01"),
                    as: Wire.SearchArticlesResponse.self
                ).hits.first?.article)
            let refused = await #expect(throws: RPCError.self) {
                try await intake.apply(order.id, "answer_from_knowledge_base", as: "bureau_desk", unit: "office") {
                    $0.articleId = expired.id
                }
            }
            #expect(refused?.code == .failedPrecondition && refused?.fieldViolations.first?.field == "article_id")
            let missing = await #expect(throws: RPCError.self) {
                try await intake.apply(order.id, "answer_from_knowledge_base", as: "bureau_desk", unit: "office") {
                    $0.articleId = "KB-NOSUCH"
                }
            }
            #expect(missing?.code == .notFound)

            try await intake.apply(order.id, "answer_from_knowledge_base", as: "bureau_desk", unit: "office") {
                $0.articleId = order.knowledgeBaseArticleId
            }
            let ownReview = await #expect(throws: RPCError.self) {
                try await intake.apply(order.id, "review", as: "bureau_desk", unit: "office") { $0.approved = true }
            }
            #expect(ownReview?.code == .failedPrecondition)
            var request = Wire.ApplyActionRequest(
                orderId: order.id, actor: Wire.Actor(id: "desk-colleague", role: "bureau_desk", unit: "office"),
                action: "review")
            request.approved = true
            let colleague = WorkOrder.Actor(id: "desk-colleague", role: .bureauDesk, unitCode: "office")
            _ = try await intake.client.call(
                "intake.apply", request, as: Wire.ApplyActionResponse.self,
                headers: TestIdentity.headers(for: colleague))
            let sent = try await intake.apply(order.id, "send_to_platform", as: "bureau_desk", unit: "office")
            #expect(sent.order?.state == "replied_to_platform")

            let bodies = try await intake.desk.store.database.read { db in
                try Data.fetchAll(
                    db,
                    sql: "SELECT body FROM outbox_entry WHERE method = 'gateway.enqueue_platform_message' ORDER BY id")
            }
            let replies = try bodies.compactMap { try Wire.EnqueuePlatformMessageRequest(wireBytes: Array($0)).message }
                .filter { $0.kind == "reply" }
            #expect(replies.map(\.text) == ["携带身份证到参保地失业保险经办机构或线上申领。\n政策依据：《失业保险条例》第十六条"])
            #expect(replies.first?.resultCode == "solved")
        }
    }

    @Test func importIsAllOrNothing() async throws {
        try await IntakeFixture.run { intake in
            let good =
                "question,answer,policy_basis,tags,valid_from,valid_to\n\"社保卡丢了怎么办？\",\"携带身份证到银行网点挂失补办。\",\"\",社保卡|补办,,\n"
            let imported = try await intake.client.call(
                "intake.kb_import", Wire.ImportArticlesRequest(content: Array(good.utf8), format: "csv"),
                as: Wire.ImportArticlesResponse.self)
            #expect(imported.imported == 1)
            let bad = good + "\"无答案的问题\",\"\",\"\",,,\n\"另一个\",\"答\",\"\",,2025-13-01,\n"
            let error = await #expect(throws: RPCError.self) {
                _ = try await intake.client.call(
                    "intake.kb_import", Wire.ImportArticlesRequest(content: Array(bad.utf8), format: "csv"),
                    as: Wire.ImportArticlesResponse.self)
            }
            #expect(error?.fieldViolations.map(\.field).sorted() == ["articles[1].answer", "articles[2].valid_from"])
            let articles = try intake.rows(in: "kb_article")
            #expect(articles == 1)
        }
    }

    /// Articles are the administrators' to edit, and each edit names the account in the same transaction.
    @Test func onlyAnAdministratorEditsAndEachEditNamesTheAccount() async throws {
        try await IntakeFixture.run { intake in
            let liaison = WorkOrder.Actor(id: "li.wei", role: .liaison, unitCode: "employment_office", name: "李伟")
            let refused = await #expect(throws: RPCError.self) {
                try await intake.client.call(
                    "intake.kb_add", Wire.AddArticleRequest(article: Self.articles[0]),
                    as: Wire.AddArticleResponse.self,
                    headers: TestIdentity.headers(for: liaison)
                )
            }
            #expect(refused?.code == .permissionDenied)
            #expect(try intake.rows(in: "kb_article") == 0)
            #expect(try intake.rows(in: "edit_event") == 0)

            let added = try await intake.client.call(
                "intake.kb_add", Wire.AddArticleRequest(article: Self.articles[0]), as: Wire.AddArticleResponse.self)
            let edit = try intake.desk.store.database.read { db in
                try Row.fetchOne(db, sql: "SELECT account, name, roles, action, subject FROM edit_event")
            }
            let row = try #require(edit)
            #expect(row["account"] as String == TestIdentity.administrator.id)
            #expect(row["name"] as String == TestIdentity.administrator.name)
            #expect(row["roles"] as String == "administrator")
            #expect(row["action"] as String == "kb_article_saved")
            #expect(row["subject"] as String == added.article?.id)
        }
    }
}
