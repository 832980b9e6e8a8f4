import Testing
import WireProtocol

@testable import ConsoleWeb

/// The 知识库 page says whose each answer is: the bureau's own, or the 12345 platform's (read-only).
@Suite("Console web: knowledge page")
struct KnowledgePageTests {
    @Test func eachArticleNamesItsSource() {
        let hits = [
            Wire.ArticleHit(
                article: Wire.Article(id: "12345:KA-1", question: "灵活就业人员如何参加养老保险？", answer: "登记缴费。", source: "12345"),
                score: 0.9),
            Wire.ArticleHit(
                article: Wire.Article(id: "KB-1", question: "退休手续怎么办？", answer: "向经办机构申请。", source: "bureau"),
                score: 0.5),
        ]
        let page = KnowledgePage.page(
            staff: PageSafetyTests.staff(roles: ["bureau_desk"]), query: "养老", hits: hits, flash: nil
        ).rendered
        #expect(page.contains("12345:KA-1 · 来源：12345 平台（只读）"))
        #expect(page.contains("KB-1 · 来源：本局"))
    }
}
