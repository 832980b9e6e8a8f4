/// A ranking: one horizontal bar per item, in the order given, with the value at the end of each
/// bar and an optional reference line such as a threshold.
///
/// Negative values (changes in points, for instance) extend left of the zero axis. Labels too
/// long for the label column are cut with an ellipsis and keep their full text as a tooltip.
///
/// ```swift
/// let chart = BarChart(
///     bars: [.init(label: "东城区", value: 912), .init(label: "西城区", value: 768, tone: .bad)],
///     referenceLine: .init(value: 800, label: "约谈线")
/// )
/// ```
public struct BarChart: Sendable, Hashable {
    /// One bar: its label, its value and how it should be read.
    public struct Bar: Sendable, Hashable {
        /// The item ranked, e.g. a district.
        public var label: String
        /// The length of the bar; NaN and infinities draw no bar and show "—".
        public var value: Double
        /// The bar colour: neutral blue, good green, bad vermillion.
        public var tone: Tone
        /// The text at the end of the bar; `nil` shows the value with up to two decimals.
        public var valueText: String?

        /// A bar for `label`; `valueText` replaces the formatted value at the bar's end (e.g. "812分").
        public init(label: String, value: Double, tone: Tone = .neutral, valueText: String? = nil) {
            self.label = label
            self.value = value
            self.tone = tone
            self.valueText = valueText
        }

        /// The text shown at the bar's end and in its tooltip.
        var displayText: String { valueText ?? NumberFormat.value(value) }
    }

    /// A vertical dashed line across all bars at `value`, captioned `label` and the value
    /// (e.g. "约谈线 800").
    public struct ReferenceLine: Sendable, Hashable {
        /// Where the line stands, in the bars' unit.
        public var value: Double
        /// What the line means, e.g. "约谈线".
        public var label: String

        /// A line at `value` captioned `label`.
        public init(value: Double, label: String) {
            self.value = value
            self.label = label
        }

        var caption: String { label + " " + NumberFormat.value(value) }
    }

    /// The bars, drawn top to bottom in this order: sort them as the ranking should read.
    public var bars: [Bar]
    /// An optional threshold line; the scale widens to include it.
    public var referenceLine: ReferenceLine?
    /// The accessible name of the chart; `nil` builds one naming the highest and lowest bars.
    public var accessibilityLabel: String?
    /// Width of the drawing in SVG units; the page scales it to the column width.
    public var width: Double = 720
    /// The vertical space per bar; the chart is as tall as its bars need.
    public var rowHeight: Double = 28
    /// When every value is positive, start the axis at a round value a step below the lowest
    /// rather than at zero, so that close values (982 and 1003 points) differ visibly; the chart
    /// then says under its bars where the axis starts, since lengths no longer compare as ratios.
    public var startsNearLowest = false

    /// A ranking of `bars`, with an optional threshold line.
    public init(bars: [Bar], referenceLine: ReferenceLine? = nil) {
        self.bars = bars
        self.referenceLine = referenceLine
    }

    /// Draws the chart; without bars, a "无数据" placeholder.
    public func svg() -> SVG {
        let label = accessibilityLabel ?? defaultAccessibilityLabel
        guard !bars.isEmpty else {
            return SVGBuilder.placeholder(width: width, height: 120, label: label)
        }
        return Layout(chart: self).draw(label: label)
    }

    /// "条形图：共12项，最高 东城区 912，最低 西城区 768，约谈线 800".
    private var defaultAccessibilityLabel: String {
        var parts = ["条形图：共\(bars.count)项"]
        let finite = bars.filter(\.value.isFinite)
        if let highest = finite.max(by: { $0.value < $1.value }),
            let lowest = finite.min(by: { $0.value < $1.value }), finite.count > 1
        {
            parts.append("最高 " + highest.label + " " + highest.displayText)
            parts.append("最低 " + lowest.label + " " + lowest.displayText)
        }
        if let referenceLine { parts.append(referenceLine.caption) }
        return parts.joined(separator: "，")
    }
}
