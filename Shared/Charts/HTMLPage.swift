/// A self-contained report page: one HTML5 document in Chinese with its stylesheet inline and its
/// charts as inline SVG, so that it can be mailed, archived and opened offline as a single file.
///
/// The page has no scripts and loads nothing: no fonts, images or stylesheets from anywhere. It
/// reads well on screen and prints cleanly on A4.
///
/// ```swift
/// var page = HTMLPage(title: "11月考核报告", subtitle: "2025年11月1日至30日")
/// page.add(.keyFigures([KeyFigure(label: "全市平均分", value: "846.2", tone: .good)]))
/// page.add(.chart(title: "各区得分", svg: BarChart(bars: bars).svg()))
/// let html = page.render()
/// ```
public struct HTMLPage: Sendable, Hashable {
    /// The page heading and the document title.
    public var title: String
    /// The line under the heading, e.g. the reporting period.
    public var subtitle: String
    /// The blocks of the page, in order.
    public private(set) var sections: [Section] = []

    /// An empty page with its heading; add sections with ``add(_:)``.
    public init(title: String, subtitle: String) {
        self.title = title
        self.subtitle = subtitle
    }

    /// Appends `section` at the end of the page.
    public mutating func add(_ section: Section) {
        sections.append(section)
    }

    /// The complete document, UTF-8 ready. The same page always renders the same text.
    public func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>\(Escaping.text(title))</title>
            <style>
            \(Self.stylesheet)
            </style>
            </head>
            <body>
            <main class="page">
            <header class="page-header">
            <h1>\(Escaping.text(title))</h1>

            """
        if !subtitle.isEmpty { html += "<p class=\"subtitle\">" + Escaping.text(subtitle) + "</p>\n" }
        html += "</header>\n" + sectionsHTML
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// The sections alone, for a page that has its own frame and heading (the staff console):
    /// it loads ``scopedStylesheet(under:)`` and puts this markup inside an element of that scope.
    public var sectionsHTML: String {
        var html = ""
        for section in sections {
            let block = section.html
            if !block.isEmpty { html += block + "\n" }
        }
        return html
    }

    /// Text that tells screen readers what a colour says; hidden on screen and in print.
    static func spokenHint(_ tone: Tone) -> String {
        tone == .neutral ? "" : "<span class=\"sr-only\">（" + tone.spokenHint + "）</span>"
    }
}
