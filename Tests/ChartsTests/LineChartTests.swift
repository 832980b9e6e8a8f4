import Testing

@testable import Charts

@Suite("Line chart")
struct LineChartTests {
    /// The plot rectangle and the points of a drawn chart.
    struct Drawing {
        let document: SVGDocument
        let plot: SVGDocument.Element

        init(_ chart: LineChart) throws {
            document = try SVGDocument(chart.svg().markup)
            plot = try document.single(withClass: "plot-area")
        }

        var top: Double { plot.number("y") ?? .nan }
        var bottom: Double { top + (plot.number("height") ?? .nan) }
        var left: Double { plot.number("x") ?? .nan }
        var right: Double { left + (plot.number("width") ?? .nan) }
        var points: [SVGDocument.Element] { document.elements(withClass: "point") }
        var lines: [SVGDocument.Element] { document.elements(withClass: "series-line") }
    }

    @Test func theMaximumSitsAtTheTopAndTheMinimumAtTheBottom() throws {
        let chart = LineChart(
            series: [.init(name: "全市", points: [0, 50, 100, 20])], xLabels: ["1", "2", "3", "4"], yAxisTitle: "分")
        let drawing = try Drawing(chart)
        let ys = drawing.points.compactMap { $0.number("cy") }
        #expect(ys.count == 4)
        #expect(ys[2] == drawing.top)
        #expect(ys[0] == drawing.bottom)
        #expect(abs(ys[1] - (drawing.top + drawing.bottom) / 2) < 0.01)
        let xs = drawing.points.compactMap { $0.number("cx") }
        #expect(xs.first == drawing.left)
        #expect(xs.last == drawing.right)
        let tickLabels = drawing.document.elements(withClass: "tick-label").map(\.text)
        #expect(tickLabels == ["0", "20", "40", "60", "80", "100"])
    }

    @Test func aFixedRangePlacesValuesWithinIt() throws {
        let chart = LineChart(
            series: [.init(name: "a", points: [100, 250, -5])], xLabels: [], yAxisTitle: "", yRange: 0...200)
        let drawing = try Drawing(chart)
        let ys = drawing.points.compactMap { $0.number("cy") }
        #expect(abs(ys[0] - (drawing.top + drawing.bottom) / 2) < 0.01)
        // Outside the fixed range: drawn at the edge, true value in the tooltip.
        #expect(ys[1] == drawing.top)
        #expect(ys[2] == drawing.bottom)
        #expect(drawing.points[1].title == "a · #2：250")
    }

    @Test func missingValuesBreakTheLine() throws {
        let drawing = try Drawing(
            LineChart(series: [.init(name: "a", points: [1, 2, nil, 4, 5, .nan, 7])], xLabels: [], yAxisTitle: "")
        )
        #expect(drawing.lines.count == 2)
        #expect(drawing.lines.map { $0.attributes["points"]?.split(separator: " ").count } == [2, 2])
        #expect(drawing.points.count == 5)
    }

    @Test func isolatedValuesAreDotsWithoutLines() throws {
        let drawing = try Drawing(
            LineChart(series: [.init(name: "a", points: [1, nil, 3, nil])], xLabels: [], yAxisTitle: ""))
        #expect(drawing.lines.isEmpty)
        #expect(drawing.points.count == 2)
    }

    @Test func aSinglePointSitsInTheMiddle() throws {
        let drawing = try Drawing(
            LineChart(series: [.init(name: "a", points: [846.2])], xLabels: ["11月"], yAxisTitle: "分"))
        let point = try #require(drawing.points.first)
        #expect(drawing.points.count == 1)
        #expect(drawing.lines.isEmpty)
        #expect(point.number("cx") == (drawing.left + drawing.right) / 2)
        // Vertically inside the plot, with room to either side: a flat range is widened both ways.
        let y = try #require(point.number("cy"))
        #expect(y > drawing.top + 40 && y < drawing.bottom - 40)
        #expect(point.title == "a · 11月：846.2")
    }

    @Test func allZerosStayOnTheBaseline() throws {
        let drawing = try Drawing(
            LineChart(series: [.init(name: "a", points: [0, 0, 0])], xLabels: ["a", "b", "c"], yAxisTitle: ""))
        #expect(drawing.points.compactMap { $0.number("cy") } == [drawing.bottom, drawing.bottom, drawing.bottom])
        #expect(!drawing.document.root.descendants.contains { $0.attributes.values.contains { $0.contains("nan") } })
    }

    @Test func negativeValuesGetAZeroLine() throws {
        let drawing = try Drawing(
            LineChart(series: [.init(name: "a", points: [-8, 3, 12])], xLabels: [], yAxisTitle: ""))
        let zero = try drawing.document.single(withClass: "zero-axis")
        #expect(zero.number("y1") ?? 0 > drawing.top && zero.number("y1") ?? 0 < drawing.bottom)
    }

    @Test(arguments: [
        LineChart(series: [], xLabels: ["a"], yAxisTitle: "y"),
        LineChart(series: [.init(name: "a", points: [nil, nil])], xLabels: ["a", "b"], yAxisTitle: "y"),
        LineChart(series: [.init(name: "a", points: [])], xLabels: [], yAxisTitle: "y"),
    ])
    func withoutValuesItSaysSo(_ chart: LineChart) throws {
        let document = try SVGDocument(chart.svg().markup)
        #expect(document.elements(withClass: "placeholder").count == 1)
        #expect(document.elements(named: "text").map(\.text) == ["无数据"])
        #expect(document.root.attributes["aria-label"]?.hasSuffix("无数据") == true)
    }

    @Test func manyPointsShowAtMostTwelveXLabels() throws {
        let labels = (1...45).map { "第\($0)天" }
        let values = (1...45).map { Double($0 % 7) }
        let drawing = try Drawing(
            LineChart(series: [.init(name: "a", points: values)], xLabels: labels, yAxisTitle: ""))
        let shown = drawing.document.elements(withClass: "x-label")
        #expect(shown.count == 12)
        #expect(shown.first?.text == "第1天")
        #expect(drawing.points.count == 45)
        #expect(drawing.points[44].title == "a · 第45天：3")
    }

    @Test func manySeriesGetDistinctColoursThenDashes() throws {
        let series = (0..<10).map { LineChart.Series(name: "S\($0)", points: [Double($0), Double($0) + 1]) }
        let document = try SVGDocument(LineChart(series: series, xLabels: ["a", "b"], yAxisTitle: "").svg().markup)
        let groups = document.elements(withClass: "series")
        #expect(Set(groups.prefix(8).compactMap { $0.attributes["stroke"] }).count == 8)
        let dashes = document.elements(withClass: "series-line").map { $0.attributes["stroke-dasharray"] }
        #expect(dashes.prefix(8).allSatisfy { $0 == "none" })
        #expect(dashes.suffix(2).allSatisfy { $0 == "6 4" })
    }

    @Test func longNamesAreCutButKeptInTheTooltip() throws {
        let name = "高新技术产业开发区管理委员会社会事务局热线办公室"
        let document = try SVGDocument(
            LineChart(series: [.init(name: name, points: [1, 2])], xLabels: ["a", "b"], yAxisTitle: "").svg().markup
        )
        let legendText = try #require(
            document.elements(withClass: "legend").first?.descendants.first { $0.name == "text" })
        #expect(legendText.title == name)
        #expect(legendText.text.hasSuffix("…"))
        #expect(legendText.text.count < name.count + 1)
    }

    @Test func theAccessibleNameDescribesTheChart() throws {
        let root = try SVGDocument(SamplePage.trendChart.svg().markup).root
        #expect(root.attributes["aria-label"] == "折线图：日均得分（分），全市、东湖区、高新技术产业开发区管理委员会，11-01至11-30")
    }
}
