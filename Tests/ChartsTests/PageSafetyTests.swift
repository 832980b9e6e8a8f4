import Testing

@testable import Charts

@Suite("Page safety and structure")
struct PageSafetyTests {
    static let svgNamespace = "http://www.w3.org/2000/svg"

    static var pages: [HTMLPage] { [SamplePage.page, EscapingTests.hostilePage, HTMLPage(title: "空", subtitle: "")] }

    @Test func noPageHasAScript() {
        for page in Self.pages {
            let html = page.render().lowercased()
            #expect(!html.contains("<script"))
            #expect(!html.contains("javascript:"))
            #expect(html.firstMatch(of: /\son[a-z]+\s*=/) == nil, "no event handler attributes")
        }
    }

    @Test func theOnlyURLIsTheSVGNamespace() {
        for page in Self.pages {
            let html = page.render()
            let urls = PageInspection.urls(in: html)
            let svgCount = PageInspection.svgMarkups(in: html).count
            #expect(urls == Array(repeating: Self.svgNamespace, count: svgCount))
            #expect(PageInspection.count(of: "xmlns=\"\(Self.svgNamespace)\"", in: html) == svgCount)
            for reference in ["src=", "href=", "url(", "@import", "@font-face", "<link", "<img", "<iframe"] {
                #expect(!html.contains(reference), "\(reference) would load something")
            }
        }
    }

    @Test func everySVGIsWellFormedAndLabelled() throws {
        let html = SamplePage.page.render()
        let markups = PageInspection.svgMarkups(in: html)
        #expect(markups.count == SamplePage.chartCount)
        for markup in markups {
            let root = try SVGDocument(markup).root
            #expect(root.name == "svg")
            #expect(root.attributes["xmlns"] == Self.svgNamespace)
            #expect(root.attributes["role"] == "img")
            #expect(root.attributes["aria-label"]?.isEmpty == false)
            let viewBox = try #require(root.attributes["viewBox"]).split(separator: " ").compactMap { Double($0) }
            #expect(viewBox.count == 4 && viewBox[2] > 0 && viewBox[3] > 0)
        }
    }

    @Test func theDocumentIsAChineseHTML5PageWithItsStylesInline() {
        let html = SamplePage.page.render()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>12345热线11月考核报告</title>"))
        for font in ["PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei"] { #expect(html.contains(font)) }
        #expect(html.contains("@media print"))
        #expect(PageInspection.count(of: "<style>", in: html) == 1)
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func renderingIsDeterministic() {
        #expect(SamplePage.page.render() == SamplePage.page.render())
        #expect(SamplePage.trendChart.svg() == SamplePage.trendChart.svg())
        #expect(SamplePage.topicChart.svg() == SamplePage.topicChart.svg())
        #expect(SamplePage.page.render().utf8.elementsEqual(SamplePage.page.render().utf8))
    }

    @Test func numbersNeverUseScientificNotation() throws {
        let tiny = LineChart(series: [.init(name: "a", points: [1e-9, 2e-9, 3e-7])], xLabels: [], yAxisTitle: "y")
        let huge = BarChart(bars: [.init(label: "a", value: 1e14), .init(label: "b", value: -2.5e13)])
        let donut = DonutChart(segments: [.init(label: "a", value: 1e15), .init(label: "b", value: 1e-8)])
        for svg in [tiny.svg(), huge.svg(), donut.svg()] {
            // A digit, an e, and a digit or sign: 1e+14, 2.5E-7; colours (#E4E7EB) do not count.
            let withoutColours = svg.markup.replacing(/#[0-9A-Fa-f]{6}/, with: "")
            #expect(withoutColours.firstMatch(of: /\d[eE][+\-]?\d/) == nil, "\(svg.markup)")
            _ = try SVGDocument(svg.markup)
        }
        #expect(huge.svg().markup.contains(">100,000,000,000,000<"))
        #expect(tiny.svg().markup.contains("<title>a · #3：0.0000003</title>"))
    }

    @Test func sectionsRenderInOrder() {
        let html = SamplePage.page.render()
        let order = ["class=\"figures\"", "一、总体情况", "每日得分走势", "各单位得分排名", "二、诉求分布", "<table>", "class=\"note\""]
        let positions = order.map { html.firstRange(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }
}
