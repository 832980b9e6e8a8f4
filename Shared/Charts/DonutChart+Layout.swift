internal import Foundation

extension DonutChart {
    /// Positions for one drawing: the ring on the left, the legend table on the right.
    struct Layout {
        static let fontSize = 13.0
        static let rowHeight = 26.0
        static let outerRadius = 100.0
        static let innerRadius = 62.0

        let chart: DonutChart
        let segments: [Segment]
        /// Whether the last segment is the merged "其他", which is drawn grey.
        let lastIsOther: Bool
        let total: Double
        let height: Double
        let centerX: Double
        let centerY: Double

        init(chart: DonutChart, segments: [Segment], lastIsOther: Bool, total: Double) {
            self.chart = chart
            self.segments = segments
            self.lastIsOther = lastIsOther
            self.total = total
            height = max(2 * Self.outerRadius + 32, Double(segments.count) * Self.rowHeight + 32)
            centerX = 16 + Self.outerRadius
            centerY = height / 2
        }

        func draw(label: String) -> SVG {
            var svg = SVGBuilder(width: chart.width, height: height)
            drawRing(into: &svg)
            drawLegend(into: &svg)
            return svg.svg(label: label)
        }

        private func tooltip(_ segment: Segment) -> String {
            segment.label + "：" + NumberFormat.value(segment.value) + "（" + percent(segment) + "）"
        }

        private func percent(_ segment: Segment) -> String { NumberFormat.percent(segment.share / total) }

        private func color(_ index: Int) -> String {
            lastIsOther && index == segments.count - 1 ? Palette.other : Palette.series(index)
        }

        private func drawRing(into svg: inout SVGBuilder) {
            let n = SVGBuilder.number
            svg.open("g", ["class": "ring", "stroke": "#FFFFFF", "stroke-width": "1.5"])
            var start = 0.0
            for (index, segment) in segments.enumerated() where segment.share > 0 {
                let fraction = segment.share / total
                svg.add(
                    "path",
                    ["class": "segment", "d": arcPath(from: start, fraction: fraction), "fill": color(index)],
                    title: tooltip(segment)
                )
                start += fraction
            }
            svg.close("g")
            svg.add(
                "text",
                [
                    "class": "donut-total", "x": n(centerX), "y": n(centerY - 4), "text-anchor": "middle",
                    "font-size": "24", "font-weight": "700",
                ],
                text: NumberFormat.value(total)
            )
            svg.label(
                chart.centerLabel, maxWidth: 2 * Self.innerRadius - 12, fontSize: 12,
                ["x": n(centerX), "y": n(centerY + 18), "text-anchor": "middle", "fill": Palette.muted]
            )
        }

        /// The ring sector from `start` to `start + fraction` of a turn, clockwise from twelve
        /// o'clock. A whole ring is two half arcs, because one arc cannot end where it starts.
        private func arcPath(from start: Double, fraction: Double) -> String {
            let n = SVGBuilder.number
            let outer = Self.outerRadius
            let inner = Self.innerRadius
            if fraction > 0.999_999 {
                let x = n(centerX)
                func circle(_ radius: Double, sweep: Int) -> String {
                    let (top, bottom, r) = (n(centerY - radius), n(centerY + radius), n(radius))
                    return "M\(x),\(top) A\(r),\(r) 0 1 \(sweep) \(x),\(bottom) A\(r),\(r) 0 1 \(sweep) \(x),\(top) Z"
                }
                // The inner circle runs the other way, so that it cuts the hole under nonzero filling.
                return circle(outer, sweep: 1) + " " + circle(inner, sweep: 0)
            }
            let end = start + fraction
            let large = fraction > 0.5 ? 1 : 0
            func point(_ turn: Double, _ radius: Double) -> String {
                let angle = (turn - 0.25) * 2 * Double.pi
                return n(centerX + radius * cos(angle)) + "," + n(centerY + radius * sin(angle))
            }
            return "M\(point(start, outer)) A\(n(outer)),\(n(outer)) 0 \(large) 1 \(point(end, outer)) "
                + "L\(point(end, inner)) A\(n(inner)),\(n(inner)) 0 \(large) 0 \(point(start, inner)) Z"
        }

        private func drawLegend(into svg: inout SVGBuilder) {
            let n = SVGBuilder.number
            // Columns as narrow as their contents, so that each count stays near its label; labels
            // are cut only when the columns would not fit the width.
            let left = centerX + Self.outerRadius + 40
            let percentWidth = TextMetrics.width(of: "100.0%", fontSize: Self.fontSize)
            let countWidth =
                segments.map { TextMetrics.width(of: NumberFormat.value($0.value), fontSize: Self.fontSize) }.max() ?? 0
            let longestLabel = segments.map { TextMetrics.width(of: $0.label, fontSize: Self.fontSize) }.max() ?? 0
            let room = chart.width - 12 - (left + 20) - 24 - countWidth - 16 - percentWidth
            let labelWidth = max(40, min(longestLabel, room))
            let countRight = left + 20 + labelWidth + 24 + countWidth
            let percentRight = countRight + 16 + percentWidth
            let top = centerY - Double(segments.count) * Self.rowHeight / 2
            svg.open("g", ["class": "legend", "font-size": n(Self.fontSize)])
            for (index, segment) in segments.enumerated() {
                let y = top + (Double(index) + 0.5) * Self.rowHeight
                svg.open("g", ["class": "legend-row"], title: tooltip(segment))
                svg.add(
                    "rect",
                    ["x": n(left), "y": n(y - 6), "width": "12", "height": "12", "rx": "2", "fill": color(index)]
                )
                svg.label(
                    segment.label, maxWidth: labelWidth, fontSize: Self.fontSize,
                    ["x": n(left + 20), "y": n(y), "dominant-baseline": "middle"]
                )
                svg.add(
                    "text",
                    [
                        "class": "legend-count", "x": n(countRight), "y": n(y), "text-anchor": "end",
                        "dominant-baseline": "middle", "font-weight": "600",
                    ],
                    text: NumberFormat.value(segment.value)
                )
                svg.add(
                    "text",
                    [
                        "class": "legend-percent", "x": n(percentRight), "y": n(y), "text-anchor": "end",
                        "dominant-baseline": "middle", "fill": Palette.muted,
                    ],
                    text: percent(segment)
                )
                svg.close("g")
            }
            svg.close("g")
        }
    }
}
