/// One block of an ``HTMLPage``, rendered in the order added.
public enum Section: Sendable, Hashable {
    /// A section title (`<h2>`).
    case heading(String)
    /// A paragraph of running text.
    case paragraph(String)
    /// A row of big-number tiles, wrapping onto as many lines as the width needs.
    case keyFigures([KeyFigure])
    /// A chart in a card, under a visible title.
    case chart(title: String, svg: SVG)
    /// A table in a card.
    case table(Table)
    /// A small print remark: data sources, definitions, caveats.
    case note(String)

    var html: String {
        switch self {
        case .heading(let text):
            return "<h2>" + Escaping.text(text) + "</h2>"
        case .paragraph(let text):
            return "<p>" + Escaping.text(text) + "</p>"
        case .keyFigures(let figures):
            guard !figures.isEmpty else { return "" }
            return "<dl class=\"figures\">" + figures.map(\.html).joined(separator: "\n") + "</dl>"
        case .chart(let title, let svg):
            return "<figure class=\"card chart\"><figcaption>" + Escaping.text(title) + "</figcaption>\n"
                + svg.markup + "\n</figure>"
        case .table(let table):
            return table.html
        case .note(let text):
            return "<p class=\"note\">" + Escaping.text(text) + "</p>"
        }
    }
}
