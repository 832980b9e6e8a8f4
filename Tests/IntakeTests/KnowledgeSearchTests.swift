import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// Chinese search over a fixed corpus written the way the bureau's articles and its callers
/// speak: one- and two-character words find their articles, and a call's content proposes an
/// article for immediate answer (即时办理) when it asks what the article answers, whatever else
/// the caller says.
@Suite("Intake: knowledge search in Chinese")
struct KnowledgeSearchTests {
    /// Question, tags, answer; the id is the question's position, KB-01 onwards.
    static let corpus: [(String, [String], String)] = [
        ("单位拖欠工资怎么办？", ["欠薪", "拖欠工资"], "可向用人单位所在地劳动保障监察机构投诉，或申请劳动争议仲裁。"),
        ("农民工工资被包工头拖欠如何投诉？", ["农民工", "欠薪"], "向项目所在地人社部门投诉，施工总承包单位对所承包工程的农民工工资负清偿责任。"),
        ("养老保险关系如何转移接续？", ["养老保险"], "在新参保地提出申请，由新参保地向原参保地发出联系函，原参保地转出。"),
        ("灵活就业人员如何缴纳养老保险？", ["灵活就业", "养老保险"], "持身份证到户籍地社保经办机构登记，按年度选择缴费档次。"),
        ("退休需要办理哪些手续？", ["退休"], "达到法定退休年龄前由单位或本人提出申请，提交身份证、人事档案等材料。"),
        ("社保卡丢了怎么挂失？", ["社保卡", "挂失"], "拨打12333或到合作银行网点办理临时挂失，正式挂失后申请补办新卡。"),
        ("失业保险金怎么申领？", ["失业保险"], "携带身份证到参保地失业保险经办机构或在网上申领。"),
        ("工伤认定需要哪些材料？", ["工伤"], "工伤认定申请表、劳动关系证明、医疗诊断证明。"),
        ("被辞退能拿到多少经济补偿？", ["经济补偿", "辞退"], "按劳动者在本单位工作的年限，每满一年支付一个月工资。"),
        ("企业职工基本养老金每年怎么调整？", ["养老金"], "按国家统一部署，采取定额调整、挂钩调整与适当倾斜相结合的办法。"),
        ("职称评审的申报条件是什么？", ["职称"], "按各系列评审条件，具备相应学历资历和业绩成果。"),
        ("创业担保贷款怎么申请？", ["创业", "贷款"], "符合条件的创业者向创业所在地人社部门提出申请，经审核后由经办银行放款。"),
    ]

    static func seed(_ intake: IntakeFixture) async throws {
        for (index, article) in corpus.enumerated() {
            let id = "KB-" + (index < 9 ? "0" : "") + String(index + 1)
            let request = Wire.AddArticleRequest(
                article: Wire.Article(id: id, question: article.0, answer: article.2, tags: article.1))
            _ = try await intake.client.call("intake.kb_add", request, as: Wire.AddArticleResponse.self)
        }
    }

    static func search(_ intake: IntakeFixture, _ query: String) async throws -> [String] {
        try await intake.client.call(
            "intake.kb_search", Wire.SearchArticlesRequest(query: query), as: Wire.SearchArticlesResponse.self
        )
        .hits.compactMap { $0.article?.id }
    }

    /// The words a first week at the desk searched for, and found nothing with a trigram index.
    @Test(arguments: [
        ("工资", ["KB-01", "KB-02"]),
        ("欠薪", ["KB-01", "KB-02"]),
        ("拖欠", ["KB-01", "KB-02"]),
        ("养老", ["KB-03", "KB-04", "KB-10"]),
        ("退休", ["KB-05"]),
        ("挂失", ["KB-06"]),
        ("社保卡补办", ["KB-06"]),
        ("灵活就业 养老保险", ["KB-04"]),
        ("被开除了有补偿吗", ["KB-09"]),
        ("社", ["KB-06"]),
    ])
    func shortWordsFindTheirArticlesFirst(query: String, expectedFirst: [String]) async throws {
        try await IntakeFixture.run { intake in
            try await Self.seed(intake)
            let found = try await Self.search(intake, query)
            #expect(Set(found.prefix(expectedFirst.count)) == Set(expectedFirst), "\(query) found \(found)")
        }
    }

    @Test func aWordNoArticleHoldsFindsNothing() async throws {
        try await IntakeFixture.run { intake in
            try await Self.seed(intake)
            #expect(try await Self.search(intake, "医保").isEmpty)
            #expect(try await Self.search(intake, "请问怎么办？").isEmpty, "asking words alone are no subject")
        }
    }

    /// A caller's words around the question must not hide it: the article's side is measured.
    @Test(arguments: [
        ("您好，我在一个建筑工地干了三个月，现在单位一直拖欠工资不给，我想问问该怎么办", "KB-01"),
        ("请问失业保险金怎么申领？我上个月刚离职，不知道要带什么。", "KB-07"),
        ("你好，我是灵活就业的，想交养老保险，需要带什么材料去哪里办", "KB-04"),
        ("我的社保卡不见了，要怎么挂失补办", "KB-06"),
        ("工伤认定要准备哪些材料", "KB-08"),
    ])
    func aConsultationIsProposedTheArticleItAsks(content: String, expected: String) async throws {
        try await IntakeFixture.run { intake in
            try await Self.seed(intake)
            let order = try #require(
                try await intake.submit(
                    IntakeFixture.draft(content: content, kind: "consultation", topic: "employment")
                ).order)
            #expect(order.knowledgeBaseArticleId == expected)
        }
    }

    /// Sharing one general word with an article is not asking its question.
    @Test(arguments: ["我想咨询一下公积金贷款的事情", "养老保险怎么缴费", "我要投诉公司不签劳动合同"])
    func aConsultationOnAnotherSubjectIsProposedNothing(content: String) async throws {
        try await IntakeFixture.run { intake in
            try await Self.seed(intake)
            let order = try #require(
                try await intake.submit(
                    IntakeFixture.draft(content: content, kind: "consultation", topic: "employment")
                ).order)
            #expect(order.knowledgeBaseArticleId.isEmpty)
        }
    }
}
