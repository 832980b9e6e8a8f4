/// The legend under a line chart: a coloured line and the series name per entry, wrapped into as
/// many rows as the width needs.
struct LegendLayout {
    static let fontSize = 12.0
    static let rowHeight = 22.0
    static let maximumNameWidth = 200.0

    struct Entry {
        var name: String
        var index: Int
        var x: Double
        var row: Int
    }

    let entries: [Entry]
    /// The height the legend adds below the chart; zero without series.
    let height: Double

    init(names: [String], width: Double, left: Double) {
        var entries: [Entry] = []
        var x = left
        var row = 0
        for (index, name) in names.enumerated() {
            let nameWidth = min(TextMetrics.width(of: name, fontSize: Self.fontSize), Self.maximumNameWidth)
            let entryWidth = 24 + nameWidth + 20
            if x > left && x + entryWidth > width - 8 {
                x = left
                row += 1
            }
            entries.append(Entry(name: name, index: index, x: x, row: row))
            x += entryWidth
        }
        self.entries = entries
        self.height = entries.isEmpty ? 0 : Double(row + 1) * Self.rowHeight + 6
    }

    func draw(top: Double, into svg: inout SVGBuilder) {
        guard !entries.isEmpty else { return }
        let n = SVGBuilder.number
        svg.open("g", ["class": "legend"])
        for entry in entries {
            let y = top + Double(entry.row) * Self.rowHeight + Self.rowHeight / 2
            svg.add(
                "line",
                [
                    "x1": n(entry.x), "x2": n(entry.x + 18), "y1": n(y), "y2": n(y),
                    "stroke": Palette.series(entry.index),
                    "stroke-width": "3", "stroke-linecap": "round",
                    "stroke-dasharray": entry.index >= Palette.series.count ? "5 3" : "none",
                ]
            )
            svg.label(
                entry.name, maxWidth: Self.maximumNameWidth, fontSize: Self.fontSize,
                ["x": n(entry.x + 24), "y": n(y), "dominant-baseline": "middle"]
            )
        }
        svg.close("g")
    }
}
