/// A trend over days or weeks: one line per series, with nice y ticks, a legend, and a tooltip
/// on every point.
///
/// A `nil` point is a gap (no data that day): the line breaks there instead of pretending a value.
/// With many points only about twelve x labels are shown, evenly spaced; every point keeps its
/// own label in its tooltip.
///
/// ```swift
/// let chart = LineChart(
///     series: [.init(name: "全市", points: [812, 820, nil, 835])],
///     xLabels: ["11-01", "11-02", "11-03", "11-04"],
///     yAxisTitle: "得分"
/// )
/// page.add(.chart(title: "每日得分", svg: chart.svg()))
/// ```
public struct LineChart: Sendable, Hashable {
    /// One line: a name for the legend and one value (or gap) per x position.
    public struct Series: Sendable, Hashable {
        /// The name in the legend and tooltips.
        public var name: String
        /// Values by x position; `nil`, NaN and infinities are gaps.
        public var points: [Double?]

        /// A line called `name` through `points`.
        public init(name: String, points: [Double?]) {
            self.name = name
            self.points = points
        }
    }

    /// The lines, coloured from the palette in this order.
    public var series: [Series]
    /// Labels of the x positions (dates, week names). Missing labels are blank; extra labels add
    /// positions without points.
    public var xLabels: [String]
    /// What the y axis measures, with its unit, e.g. "得分（分）".
    public var yAxisTitle: String
    /// A fixed y range (e.g. `0...100`); `nil` fits the range to the data, widened to nice ticks.
    /// Values outside a fixed range are drawn at its edge, with their true value in the tooltip.
    public var yRange: ClosedRange<Double>?
    /// The accessible name of the chart; `nil` builds one from the axis title, series and labels.
    public var accessibilityLabel: String?
    /// Width of the drawing in SVG units; the page scales it to the column width.
    public var width: Double = 720
    /// Height of the plot with its axes, without the legend below it.
    public var height: Double = 300

    /// A chart of `series` over `xLabels`, with the defaults for the other settings.
    public init(series: [Series], xLabels: [String], yAxisTitle: String, yRange: ClosedRange<Double>? = nil) {
        self.series = series
        self.xLabels = xLabels
        self.yAxisTitle = yAxisTitle
        self.yRange = yRange
    }

    /// Draws the chart; with no values at all, a "无数据" placeholder.
    public func svg() -> SVG {
        let label = accessibilityLabel ?? defaultAccessibilityLabel
        let values = series.flatMap(\.points).compactMap { $0 }.filter(\.isFinite)
        let count = max(xLabels.count, series.map(\.points.count).max() ?? 0)
        guard let minimum = values.min(), let maximum = values.max(), count > 0 else {
            return SVGBuilder.placeholder(width: width, height: height, label: label)
        }
        let scale =
            yRange.map { NiceScale(fixed: $0) } ?? NiceScale(covering: minimum, maximum)
        return Layout(chart: self, count: count, scale: scale).draw(label: label)
    }

    /// "折线图：得分，东城区、西城区，11-01至11-30".
    private var defaultAccessibilityLabel: String {
        var parts = ["折线图：" + yAxisTitle]
        if !series.isEmpty { parts.append(series.map(\.name).joined(separator: "、")) }
        if let first = xLabels.first, let last = xLabels.last {
            parts.append(first == last ? first : first + "至" + last)
        }
        return parts.joined(separator: "，")
    }
}
