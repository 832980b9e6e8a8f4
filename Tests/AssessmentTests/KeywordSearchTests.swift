import Foundation
import Testing

@testable import Assessment

/// The byte search finds what Foundation's `contains` finds, canonical equivalents included.
@Suite("Keyword search")
struct KeywordSearchTests {
    static let texts = [
        "来电人反映某建筑公司拖欠工资三个月，共计一万二千元，要求劳动仲裁。",
        "来电人反映某建筑公司拖欠其工资三个月，多次讨要未果。",
        "咨询养老保险断缴后如何转移接续，以及失业保险金的领取条件。",
        "工伤",
        "",
        // U+F900 is a compatibility ideograph canonically equivalent to U+8C48 (豈).
        "\u{F900}字号",
        "cafe\u{301} 的加班费",
        "Café 的工伤认定",
    ]

    static let keywords = AssessmentRules.shippedKeywords + ["\u{8C48}", "café", "Café", "", "定的"]

    @Test(arguments: texts)
    func findsWhatFoundationFinds(text: String) {
        let expected = Self.keywords.filter { text.contains($0) }
        #expect(KeywordSearch(Self.keywords).keywords(in: text) == expected)
    }

    @Test func aTextWithKeywordsNamesEachOnceInListOrder() {
        let found = KeywordSearch(AssessmentRules.shippedKeywords).keywords(in: "拖欠工资后被辞退，申请劳动仲裁；工伤认定也在办。")
        #expect(found == ["拖欠工资", "辞退", "工伤认定", "工伤", "劳动仲裁"])
    }

    @Test func changingTheRulesKeywordsChangesTheSearch() {
        var rules = AssessmentRules()
        rules.keywords = ["高温"]
        #expect(rules.keywordSearch.keywords(in: "高温补贴") == ["高温"])
    }
}
