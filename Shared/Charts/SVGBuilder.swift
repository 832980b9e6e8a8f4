/// Writes SVG markup element by element. Every attribute value and text is escaped here, in one
/// place, so that chart code cannot forget to.
struct SVGBuilder {
    /// The font stack of the page, repeated on the root element so that an SVG opened on its own
    /// also picks a Chinese font.
    /// Latin system fonts first for their digits, then the Chinese system fonts of macOS, Linux
    /// and Windows; nothing is downloaded.
    static let fontFamily =
        "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', "
        + "'Source Han Sans SC', 'Microsoft YaHei', sans-serif"

    let width: Double
    let height: Double
    private var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Formats a coordinate or length for an attribute.
    static func number(_ value: Double) -> String { NumberFormat.coordinate(value) }

    /// Appends `<name attributes…/>`, or with a `<title>` tooltip and/or text content when given.
    mutating func add(
        _ name: String, _ attributes: KeyValuePairs<String, String>, title: String? = nil, text: String? = nil
    ) {
        body += "<" + name + Self.attributes(attributes)
        guard title != nil || text != nil else {
            body += "/>\n"
            return
        }
        body += ">"
        if let title { body += "<title>" + Escaping.text(title) + "</title>" }
        if let text { body += Escaping.text(text) }
        body += "</" + name + ">\n"
    }

    /// Opens a group; pair with ``close(_:)``.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String>, title: String? = nil) {
        body += "<" + name + Self.attributes(attributes) + ">"
        if let title { body += "<title>" + Escaping.text(title) + "</title>" }
        body += "\n"
    }

    mutating func close(_ name: String) {
        body += "</" + name + ">\n"
    }

    /// Appends a label that is cut to `maxWidth` with an ellipsis; a cut label carries its full
    /// text as a tooltip.
    mutating func label(
        _ text: String, maxWidth: Double, fontSize: Double, _ attributes: KeyValuePairs<String, String>
    ) {
        let fitted = TextMetrics.truncate(text, toWidth: maxWidth, fontSize: fontSize)
        add("text", attributes, title: fitted.truncated ? text : nil, text: fitted.text)
    }

    /// The finished `<svg>` element; `label` becomes its accessible name.
    func svg(label: String) -> SVG {
        let size = Self.number(width) + " " + Self.number(height)
        let root =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(size)\" width=\"\(Self.number(width))\""
            + " height=\"\(Self.number(height))\" role=\"img\" aria-label=\"\(Escaping.text(label))\""
            + " class=\"chart-svg\" font-family=\"\(Escaping.text(Self.fontFamily))\" font-size=\"12\""
            + " fill=\"\(Palette.ink)\">\n"
        return SVG(markup: root + body + "</svg>")
    }

    /// A chart with nothing to show: a dashed frame saying so, rather than an empty box or a
    /// crash on a division by zero.
    static func placeholder(width: Double, height: Double, label: String) -> SVG {
        var builder = SVGBuilder(width: width, height: height)
        builder.add(
            "rect",
            [
                "class": "placeholder", "x": "1", "y": "1", "width": number(width - 2), "height": number(height - 2),
                "rx": "8", "fill": "#F7F8FA", "stroke": Palette.grid, "stroke-dasharray": "6 4",
            ]
        )
        builder.add(
            "text",
            [
                "x": number(width / 2), "y": number(height / 2), "text-anchor": "middle", "dominant-baseline": "middle",
                "font-size": "16", "fill": Palette.muted,
            ],
            text: "无数据"
        )
        return builder.svg(label: label + "：无数据")
    }

    private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " " + $0.key + "=\"" + Escaping.text($0.value) + "\"" }.joined()
    }
}
