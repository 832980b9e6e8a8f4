extension BarChart {
    /// Positions for one drawing: the label column, the plot between the value label gutters,
    /// and the value-to-pixel mapping.
    struct Layout {
        static let fontSize = 12.0

        let chart: BarChart
        let lower: Double
        let upper: Double
        /// Where bars start: zero, or `lower` for a chart that starts near its lowest value.
        let baseline: Double
        let labelRight: Double
        let plotLeft: Double
        let plotRight: Double
        let plotTop: Double
        let plotBottom: Double

        init(chart: BarChart) {
            self.chart = chart
            let values = chart.bars.map(\.value).filter(\.isFinite) + (chart.referenceLine.map { [$0.value] } ?? [])
            // The domain always holds zero, so that bar lengths compare; an all-zero chart gets a
            // unit domain so that its bars have zero length rather than dividing by zero.
            var lower = min(0, values.min() ?? 0)
            let upper = max(0, values.max() ?? 0)
            if chart.startsNearLowest, let lowest = values.min(), lowest > 0 {
                // A step below the scale's round start, so that the lowest bar keeps some length.
                let scale = NiceScale(covering: lowest, upper)
                lower = max(0, scale.lower - scale.step)
            }
            self.lower = lower
            self.upper = upper > lower ? upper : lower + 1
            baseline = max(lower, 0)
            let longestLabel = chart.bars.map { TextMetrics.width(of: $0.label, fontSize: Self.fontSize) }.max() ?? 0
            labelRight = 8 + min(longestLabel, chart.width * 0.28)
            let valueGutter =
                (chart.bars.map { TextMetrics.width(of: $0.displayText, fontSize: Self.fontSize) }.max() ?? 0) + 10
            let hasNegative = chart.bars.contains { $0.value < 0 }
            let hasNonNegative = chart.bars.contains { $0.value >= 0 || !$0.value.isFinite }
            plotLeft = labelRight + 12 + (hasNegative ? valueGutter : 0)
            plotRight = chart.width - 8 - (hasNonNegative ? valueGutter : 0)
            plotTop = chart.referenceLine == nil ? 8 : 28
            plotBottom = plotTop + Double(chart.bars.count) * chart.rowHeight
        }

        /// Whether the axis starts above zero, which the chart must say.
        var startsAboveZero: Bool { baseline > 0 }

        func x(_ value: Double) -> Double {
            plotLeft + (value - lower) / (upper - lower) * (plotRight - plotLeft)
        }

        func draw(label: String) -> SVG {
            let n = SVGBuilder.number
            var svg = SVGBuilder(width: chart.width, height: plotBottom + (startsAboveZero ? 28 : 10))
            svg.add(
                "rect",
                [
                    "class": "plot-area", "x": n(plotLeft), "y": n(plotTop), "width": n(plotRight - plotLeft),
                    "height": n(plotBottom - plotTop), "fill": "none",
                ]
            )
            for (index, bar) in chart.bars.enumerated() {
                drawRow(bar, middle: middle(index), into: &svg)
            }
            // Axis and reference line over the bars, so that bars do not hide them; the value
            // labels over those, with a white halo, so that a line crossing a label leaves it legible.
            svg.add(
                "line",
                [
                    "class": "zero-axis", "x1": n(x(baseline)), "x2": n(x(baseline)), "y1": n(plotTop - 2),
                    "y2": n(plotBottom + 2),
                    "stroke": Palette.axis, "stroke-width": "1",
                ]
            )
            if startsAboveZero {
                svg.add(
                    "text",
                    [
                        "class": "axis-start", "x": n(x(baseline)), "y": n(plotBottom + 18), "text-anchor": "start",
                        "fill": Palette.axis,
                    ],
                    text: "坐标轴自 \(NumberFormat.value(baseline)) 起，非自 0 起"
                )
            }
            if let reference = chart.referenceLine { drawReference(reference, into: &svg) }
            svg.open("g", ["class": "value-labels", "font-weight": "600"])
            for (index, bar) in chart.bars.enumerated() {
                drawValueLabel(bar, middle: middle(index), into: &svg)
            }
            svg.close("g")
            return svg.svg(label: label)
        }

        /// The vertical centre of row `index`.
        private func middle(_ index: Int) -> Double {
            plotTop + (Double(index) + 0.5) * chart.rowHeight
        }

        private func drawRow(_ bar: Bar, middle: Double, into svg: inout SVGBuilder) {
            let n = SVGBuilder.number
            svg.open("g", ["class": "bar-row"], title: bar.label + "：" + bar.displayText)
            svg.label(
                bar.label, maxWidth: labelRight - 8, fontSize: Self.fontSize,
                [
                    "class": "bar-label", "x": n(labelRight), "y": n(middle), "text-anchor": "end",
                    "dominant-baseline": "middle",
                ]
            )
            if bar.value.isFinite {
                let zero = x(baseline)
                let end = x(bar.value)
                let barHeight = (chart.rowHeight * 0.64).rounded()
                svg.add(
                    "rect",
                    [
                        "class": "bar", "x": n(min(zero, end)), "y": n(middle - barHeight / 2),
                        "width": n(abs(end - zero)),
                        "height": n(barHeight), "rx": "2", "fill": Palette.fill(for: bar.tone),
                    ]
                )
            }
            svg.close("g")
        }

        /// The value beyond the bar's end: right of a positive bar, left of a negative one.
        private func drawValueLabel(_ bar: Bar, middle: Double, into svg: inout SVGBuilder) {
            let n = SVGBuilder.number
            let negative = bar.value.isFinite && bar.value < 0
            let end = bar.value.isFinite ? x(bar.value) : x(baseline)
            svg.add(
                "text",
                [
                    "class": "value-label", "x": n(negative ? end - 6 : end + 6), "y": n(middle),
                    "text-anchor": negative ? "end" : "start", "dominant-baseline": "middle", "stroke": "#FFFFFF",
                    "stroke-width": "3", "stroke-linejoin": "round", "paint-order": "stroke",
                ],
                title: bar.label + "：" + bar.displayText,
                text: bar.displayText
            )
        }

        private func drawReference(_ reference: ReferenceLine, into svg: inout SVGBuilder) {
            let n = SVGBuilder.number
            let lineX = x(reference.value)
            svg.open("g", ["class": "reference"], title: reference.caption)
            svg.add(
                "line",
                [
                    "class": "reference-line", "x1": n(lineX), "x2": n(lineX), "y1": n(plotTop - 6),
                    "y2": n(plotBottom + 4), "stroke": Palette.reference, "stroke-width": "1.5",
                    "stroke-dasharray": "5 4",
                ]
            )
            // Centred on the line, unless that would push the caption off either edge.
            let captionWidth = TextMetrics.width(of: reference.caption, fontSize: Self.fontSize)
            let anchor =
                lineX + captionWidth / 2 > chart.width - 4 ? "end" : lineX - captionWidth / 2 < 4 ? "start" : "middle"
            svg.add(
                "text",
                [
                    "class": "reference-label", "x": n(lineX), "y": n(plotTop - 12), "text-anchor": anchor,
                    "fill": Palette.reference, "font-weight": "600",
                ],
                text: reference.caption
            )
            svg.close("g")
        }
    }
}
