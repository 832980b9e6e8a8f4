import Testing

@testable import Charts

@Suite("Bar chart")
struct BarChartTests {
    struct Drawing {
        let document: SVGDocument
        let plot: SVGDocument.Element

        init(_ chart: BarChart) throws {
            document = try SVGDocument(chart.svg().markup)
            plot = try document.single(withClass: "plot-area")
        }

        var left: Double { plot.number("x") ?? .nan }
        var width: Double { plot.number("width") ?? .nan }
        var bars: [SVGDocument.Element] { document.elements(withClass: "bar") }
        var widths: [Double] { bars.compactMap { $0.number("width") } }
        func axisX() throws -> Double { try #require(document.single(withClass: "zero-axis").number("x1")) }
    }

    @Test func theLongestBarFillsThePlotAndOthersAreProportional() throws {
        let drawing = try Drawing(
            BarChart(bars: [.init(label: "甲", value: 50), .init(label: "乙", value: 100), .init(label: "丙", value: 0)])
        )
        #expect(drawing.widths.count == 3)
        #expect(drawing.widths[1] == drawing.width)
        #expect(abs(drawing.widths[0] - drawing.width / 2) < 0.01)
        #expect(drawing.widths[2] == 0)
        #expect(drawing.bars.allSatisfy { $0.number("x") == drawing.left })
        #expect(try drawing.axisX() == drawing.left)
    }

    /// 982 and 1003 points look alike from zero; from near the lowest score they differ, and the
    /// chart says where its axis starts.
    @Test func aRankingStartingNearTheLowestScoreShowsCloseScoresApartAndSaysSo() throws {
        let bars: [BarChart.Bar] = [.init(label: "甲", value: 1003), .init(label: "乙", value: 982)]
        let fromZero = try Drawing(BarChart(bars: bars))
        var nearLowest = BarChart(bars: bars)
        nearLowest.startsNearLowest = true
        let drawing = try Drawing(nearLowest)
        #expect(fromZero.widths[1] / fromZero.widths[0] > 0.97)
        #expect(drawing.widths[1] / drawing.widths[0] < 0.8, "the 21-point gap is visible")
        #expect(drawing.widths[1] > 0, "the lowest bar keeps some length")
        let caption = try drawing.document.single(withClass: "axis-start")
        #expect(caption.text.hasPrefix("坐标轴自 ") && caption.text.hasSuffix("起，非自 0 起"))
        #expect(fromZero.document.elements(withClass: "axis-start").isEmpty)
        var withNegative = BarChart(bars: bars + [.init(label: "丙", value: -3)])
        withNegative.startsNearLowest = true
        #expect(
            try Drawing(withNegative).document.elements(withClass: "axis-start").isEmpty, "a negative value keeps zero")
    }

    @Test func barsKeepTheGivenOrderTopToBottom() throws {
        let drawing = try Drawing(SamplePage.scoreChart)
        let ys = drawing.bars.compactMap { $0.number("y") }
        #expect(ys == ys.sorted() && Set(ys).count == ys.count)
        let labels = drawing.document.elements(withClass: "bar-label").map { $0.title ?? $0.text }
        #expect(labels == SamplePage.districts)
    }

    @Test func negativeBarsExtendLeftOfTheZeroAxis() throws {
        let drawing = try Drawing(BarChart(bars: [.init(label: "升", value: 10), .init(label: "降", value: -5)]))
        let axis = try drawing.axisX()
        let (up, down) = (drawing.bars[0], drawing.bars[1])
        #expect(up.number("x") == axis)
        #expect(abs((down.number("x") ?? 0) + (down.number("width") ?? 0) - axis) < 0.01)
        #expect(down.number("x") == drawing.left)
        #expect(abs((up.number("width") ?? 0) - 2 * (down.number("width") ?? 0)) < 0.02)
        #expect(axis > drawing.left && axis < drawing.left + drawing.width)
        let labels = drawing.document.elements(withClass: "value-label")
        #expect(labels.map(\.text) == ["10", "-5"])
        #expect(labels[1].attributes["text-anchor"] == "end")
        #expect(labels[1].number("x") ?? .infinity < down.number("x") ?? 0)
        #expect(labels[0].number("x") ?? 0 > axis + (up.number("width") ?? 0))
    }

    @Test func theReferenceLineSitsAtItsValue() throws {
        let drawing = try Drawing(SamplePage.scoreChart)
        let line = try drawing.document.single(withClass: "reference-line")
        let label = try drawing.document.single(withClass: "reference-label")
        #expect(label.text == "约谈线 800")
        // Bars start at zero: 800 of the longest bar's 912.5 is 800/912.5 of the plot width.
        let expected = drawing.left + 800 / 912.5 * drawing.width
        #expect(abs((line.number("x1") ?? 0) - expected) < 0.01)
        #expect(drawing.widths[0] == drawing.width)
        #expect(drawing.bars.last?.attributes["fill"] == Palette.fill(for: .bad))
        #expect(drawing.bars.first?.attributes["fill"] == Palette.fill(for: .neutral))
    }

    @Test func aReferenceBeyondTheBarsWidensTheScale() throws {
        let drawing = try Drawing(
            BarChart(
                bars: [.init(label: "a", value: 600), .init(label: "b", value: 300)],
                referenceLine: .init(value: 800, label: "约谈线"))
        )
        let line = try drawing.document.single(withClass: "reference-line")
        #expect(line.number("x1") == drawing.left + drawing.width)
        #expect(abs(drawing.widths[0] - drawing.width * 0.75) < 0.01)
    }

    @Test func allZerosDrawZeroLengthBars() throws {
        let drawing = try Drawing(BarChart(bars: [.init(label: "a", value: 0), .init(label: "b", value: 0)]))
        #expect(drawing.widths == [0, 0])
        #expect(drawing.document.elements(withClass: "value-label").map(\.text) == ["0", "0"])
    }

    @Test func aSingleBarFillsThePlot() throws {
        let drawing = try Drawing(BarChart(bars: [.init(label: "唯一", value: 42, valueText: "42分")]))
        #expect(drawing.widths == [drawing.width])
        #expect(drawing.document.elements(withClass: "bar-row").first?.title == "唯一：42分")
    }

    @Test func aValueThatIsNotANumberShowsADash() throws {
        let drawing = try Drawing(BarChart(bars: [.init(label: "a", value: .nan), .init(label: "b", value: 5)]))
        #expect(drawing.bars.count == 1)
        #expect(drawing.document.elements(withClass: "value-label").map(\.text) == ["—", "5"])
    }

    @Test func withoutBarsItSaysSo() throws {
        let document = try SVGDocument(BarChart(bars: []).svg().markup)
        #expect(document.elements(withClass: "placeholder").count == 1)
        #expect(document.elements(named: "text").map(\.text) == ["无数据"])
    }

    @Test func longLabelsAreCutButKeptInTheTooltip() throws {
        let long = "高新技术产业开发区管理委员会社会事务局热线工作办公室"
        let drawing = try Drawing(BarChart(bars: [.init(label: "东湖区", value: 3), .init(label: long, value: 2)]))
        let label = drawing.document.elements(withClass: "bar-label")[1]
        #expect(label.title == long)
        #expect(label.text.hasSuffix("…"))
        #expect(TextMetrics.width(of: label.text, fontSize: 12) <= 720 * 0.28)
        #expect(drawing.document.elements(withClass: "bar-row")[1].title == long + "：2")
        #expect(drawing.document.elements(withClass: "bar-label")[0].title == nil)
    }

    @Test func theAccessibleNameNamesTheExtremes() throws {
        let root = try SVGDocument(SamplePage.scoreChart.svg().markup).root
        #expect(root.attributes["aria-label"] == "条形图：共8项，最高 东湖区 912.5，最低 白云区 768，约谈线 800")
    }
}
