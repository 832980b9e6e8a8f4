import Testing

@testable import Charts

@Suite("Donut chart")
struct DonutChartTests {
    @Test func theLegendShowsCountsAndPercentages() throws {
        let chart = DonutChart(
            segments: [.init(label: "咨询", value: 50), .init(label: "投诉", value: 30), .init(label: "建议", value: 20)]
        )
        let document = try SVGDocument(chart.svg().markup)
        #expect(document.elements(withClass: "legend-count").map(\.text) == ["50", "30", "20"])
        #expect(document.elements(withClass: "legend-percent").map(\.text) == ["50%", "30%", "20%"])
        #expect(try document.single(withClass: "donut-total").text == "100")
        #expect(document.elements(withClass: "segment").map(\.title) == ["咨询：50（50%）", "投诉：30（30%）", "建议：20（20%）"])
        #expect(document.root.attributes["aria-label"] == "环形图：合计 100，咨询 50%，投诉 30%，建议 20%")
    }

    @Test func segmentsRunClockwiseFromTwelveOClock() throws {
        let chart = DonutChart(segments: [.init(label: "a", value: 1), .init(label: "b", value: 1)])
        let paths = try SVGDocument(chart.svg().markup).elements(withClass: "segment").compactMap { $0.attributes["d"] }
        // The ring is centred at (116, 116) with radius 100: the first half runs from the top to
        // the bottom on the right, the second back up on the left.
        #expect(paths.first?.hasPrefix("M116,16 A100,100 0 0 1 116,216 ") == true)
        #expect(paths.last?.hasPrefix("M116,216 A100,100 0 0 1 116,16 ") == true)
    }

    @Test func aSingleSegmentIsAWholeRing() throws {
        let document = try SVGDocument(DonutChart(segments: [.init(label: "全部", value: 7)]).svg().markup)
        let segments = document.elements(withClass: "segment")
        #expect(segments.count == 1)
        #expect(PageInspection.count(of: "A", in: segments[0].attributes["d"] ?? "") == 4)
        #expect(document.elements(withClass: "legend-percent").map(\.text) == ["100%"])
    }

    @Test func emptyAndZeroSharesTakeNoRoom() throws {
        let chart = DonutChart(
            segments: [.init(label: "a", value: 3), .init(label: "零", value: 0), .init(label: "负", value: -2)]
        )
        let document = try SVGDocument(chart.svg().markup)
        #expect(document.elements(withClass: "segment").count == 1)
        #expect(document.elements(withClass: "legend-percent").map(\.text) == ["100%", "0%", "0%"])
    }

    @Test(arguments: [DonutChart(segments: []), DonutChart(segments: [.init(label: "a", value: 0)])])
    func withNothingToShareItSaysSo(_ chart: DonutChart) throws {
        let document = try SVGDocument(chart.svg().markup)
        #expect(document.elements(withClass: "placeholder").count == 1)
        #expect(document.elements(named: "text").map(\.text) == ["无数据"])
    }

    @Test func theTailIsMergedIntoOther() throws {
        let chart = DonutChart(segments: (1...11).map { .init(label: "类\($0)", value: Double(12 - $0)) })
        let (shown, merged) = chart.shownSegments
        #expect(merged)
        #expect(shown.count == 8)
        #expect(shown.last?.label == "其他（4项）")
        #expect(shown.last?.value == 10, "4 + 3 + 2 + 1")
        let document = try SVGDocument(chart.svg().markup)
        let fills = document.elements(withClass: "segment").compactMap { $0.attributes["fill"] }
        #expect(fills.last == Palette.other)
        #expect(Set(fills).count == 8)
        #expect(try document.single(withClass: "donut-total").text == "66")
    }

    @Test func aLongLegendLabelIsCut() throws {
        let label = String(repeating: "城市管理与综合执法", count: 6)
        let document = try SVGDocument(DonutChart(segments: [.init(label: label, value: 1)]).svg().markup)
        let text = try #require(document.elements(withClass: "legend-row").first?.children.first { $0.name == "text" })
        #expect(text.text.hasSuffix("…"))
        #expect(text.title == label)
    }
}
