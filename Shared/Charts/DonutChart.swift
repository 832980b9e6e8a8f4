/// A breakdown into shares (complaints by topic, say): a ring of segments with the total in the
/// middle and a legend listing each segment's count and percentage.
///
/// Segments are drawn clockwise from twelve o'clock in the order given, so pass them largest
/// first. Past ``maximumSegments`` the rest are merged into one grey "其他" segment, because more
/// colours than the palette holds cannot be told apart.
public struct DonutChart: Sendable, Hashable {
    /// One share of the whole.
    public struct Segment: Sendable, Hashable {
        /// What the share is of, e.g. a topic.
        public var label: String
        /// The count or amount; zero, negative and non-finite values take no share of the ring.
        public var value: Double

        /// A share `value` named `label`.
        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }

        /// The part of the value that counts towards the ring.
        var share: Double { value.isFinite && value > 0 ? value : 0 }
    }

    /// The shares, drawn clockwise in this order.
    public var segments: [Segment]
    /// The caption under the total in the middle of the ring.
    public var centerLabel: String = "合计"
    /// The most segments drawn, counting the "其他" segment the remainder is merged into; between
    /// two and the palette's eight colours.
    public var maximumSegments: Int = 8
    /// The accessible name of the chart; `nil` lists the segments with their percentages.
    public var accessibilityLabel: String?
    /// Width of the drawing in SVG units; the page scales it to the column width.
    public var width: Double = 720

    /// A breakdown into `segments`, with the defaults for the other settings.
    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Draws the chart; with nothing to share (no segments, or a zero total), a "无数据"
    /// placeholder.
    public func svg() -> SVG {
        let (shown, merged) = shownSegments
        let total = shown.reduce(0) { $0 + $1.share }
        let label = accessibilityLabel ?? defaultAccessibilityLabel(shown, total: total)
        guard total > 0 else {
            return SVGBuilder.placeholder(width: width, height: 160, label: label)
        }
        return Layout(chart: self, segments: shown, lastIsOther: merged, total: total).draw(label: label)
    }

    /// The segments as drawn: all of them if they fit, else the first `maximumSegments - 1` and
    /// one "其他（N项）" segment holding the rest (`merged`).
    var shownSegments: (segments: [Segment], merged: Bool) {
        let limit = min(max(2, maximumSegments), Palette.series.count)
        guard segments.count > limit else { return (segments, false) }
        let rest = segments.dropFirst(limit - 1)
        let other = Segment(label: "其他（\(rest.count)项）", value: rest.reduce(0) { $0 + $1.share })
        return (segments.prefix(limit - 1) + [other], true)
    }

    /// "环形图：合计 120，咨询 50%，投诉 30%，建议 20%".
    private func defaultAccessibilityLabel(_ shown: [Segment], total: Double) -> String {
        var parts = ["环形图：" + centerLabel + " " + NumberFormat.value(total)]
        if total > 0 {
            parts += shown.map { $0.label + " " + NumberFormat.percent($0.share / total) }
        }
        return parts.joined(separator: "，")
    }
}
