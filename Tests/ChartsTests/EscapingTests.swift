import Testing

@testable import Charts

@Suite("Escaping")
struct EscapingTests {
    static let hostile = "<script>alert(1)</script> & \"double\" 'single'"
    static let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;double&quot; &#39;single&#39;"

    @Test func escapesTheFiveSpecialCharacters() {
        #expect(Escaping.text(Self.hostile) == Self.escaped)
        #expect(Escaping.text("东湖区 <80%>") == "东湖区 &lt;80%&gt;")
    }

    @Test func showsControlCharactersInsteadOfObeyingThem() {
        #expect(Escaping.text("a\u{0}b\u{1B}[31mc\u{FFFE}d") == "a\\u0000b\\u001B[31mcd")
        #expect(Escaping.text("行一\n行二\t") == "行一\n行二\t")
        #expect(Escaping.text("工资\u{202E}倒序\u{2066}\u{9B}\u{7F}") == "工资\\u202E倒序\\u2066\\u009B\\u007F")
        // A line ended by CR LF is text; a lone CR would return over what was written.
        #expect(Escaping.text("行一\r\n行二\r覆盖") == "行一\r\n行二\\u000D覆盖")
    }

    /// Every place a caller's text can reach, filled with the hostile string.
    static var hostilePage: HTMLPage {
        let text = hostile
        var page = HTMLPage(title: text, subtitle: text)
        page.add(.heading(text))
        page.add(.paragraph(text))
        page.add(.keyFigures([KeyFigure(label: text, value: text, note: text, tone: .bad)]))
        var line = LineChart(series: [.init(name: text, points: [1, 2])], xLabels: [text, text], yAxisTitle: text)
        line.accessibilityLabel = nil
        page.add(.chart(title: text, svg: line.svg()))
        let bars = BarChart(
            bars: [.init(label: text, value: 3, valueText: text)], referenceLine: .init(value: 2, label: text))
        page.add(.chart(title: text, svg: bars.svg()))
        page.add(.chart(title: text, svg: DonutChart(segments: [.init(label: text, value: 1)]).svg()))
        page.add(.table(Table(header: [text], rows: [[.init(text, tone: .bad)]], caption: text)))
        page.add(.note(text))
        return page
    }

    @Test func callerTextNeverAppearsRawInAPage() {
        let html = Self.hostilePage.render()
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("\"double\""))
        #expect(!html.contains("'single'"))
        #expect(html.contains(Self.escaped))
        // Title, subtitle, heading, paragraph, three figure texts, table caption, header and cell,
        // note, three chart titles: each at least once.
        #expect(PageInspection.count(of: Self.escaped, in: html) >= 15)
    }

    @Test func svgTextRoundTripsThroughAnXMLParser() throws {
        for markup in PageInspection.svgMarkups(in: Self.hostilePage.render()) {
            let document = try SVGDocument(markup)
            let texts = document.root.descendants.filter { $0.name == "text" || $0.name == "title" }.map(\.text)
            #expect(texts.contains { $0.contains(Self.hostile) }, "the parsed SVG gives back the original text")
            #expect(document.root.attributes["aria-label"]?.contains(Self.hostile) == true)
        }
    }
}
