extension LineChart {
    /// Positions for one drawing: margins, the plot rectangle and the value-to-pixel mapping.
    struct Layout {
        static let fontSize = 12.0
        /// At most this many x labels are shown, so that dates never overlap.
        static let maximumXLabels = 12

        let chart: LineChart
        let count: Int
        let scale: NiceScale
        let plotLeft: Double
        let plotRight: Double
        let plotTop = 30.0
        let plotBottom: Double
        /// Every `labelStride`-th x position gets a label.
        let labelStride: Int

        init(chart: LineChart, count: Int, scale: NiceScale) {
            self.chart = chart
            self.count = count
            self.scale = scale
            let tickWidth = scale.ticks.map { TextMetrics.width(of: tickText($0, scale), fontSize: Self.fontSize) }
            plotLeft = max(36, (tickWidth.max() ?? 0) + 14)
            labelStride = max(1, (count + Self.maximumXLabels - 1) / Self.maximumXLabels)
            // Room on the right for half of the last x label, which is centred on the last point.
            let slot = (chart.width - plotLeft - 40) / Double(max(1, (count - 1) / labelStride))
            let longest = chart.xLabels.map { TextMetrics.width(of: $0, fontSize: Self.fontSize) }.max() ?? 0
            plotRight = chart.width - max(16, min(longest, slot, 120) / 2 + 6)
            plotBottom = chart.height - 30
        }

        /// The x of position `index`; a single position sits in the middle.
        func x(_ index: Int) -> Double {
            guard count > 1 else { return (plotLeft + plotRight) / 2 }
            return plotLeft + Double(index) * (plotRight - plotLeft) / Double(count - 1)
        }

        /// The y of `value`, clamped to the plot for values outside a fixed range.
        func y(_ value: Double) -> Double {
            let clamped = min(max(value, scale.lower), scale.upper)
            return scale.position(of: clamped, from: plotBottom, to: plotTop)
        }

        func draw(label: String) -> SVG {
            let legend = LegendLayout(names: chart.series.map(\.name), width: chart.width, left: plotLeft)
            var svg = SVGBuilder(width: chart.width, height: chart.height + legend.height)
            drawAxes(into: &svg)
            for (index, series) in chart.series.enumerated() {
                drawSeries(series, index: index, into: &svg)
            }
            legend.draw(top: chart.height, into: &svg)
            return svg.svg(label: label)
        }

        private func drawAxes(into svg: inout SVGBuilder) {
            let n = SVGBuilder.number
            svg.add(
                "rect",
                [
                    "class": "plot-area", "x": n(plotLeft), "y": n(plotTop), "width": n(plotRight - plotLeft),
                    "height": n(plotBottom - plotTop), "fill": "none",
                ]
            )
            svg.label(
                chart.yAxisTitle, maxWidth: chart.width - 8, fontSize: Self.fontSize,
                ["class": "axis-title", "x": "4", "y": "14", "fill": Palette.muted]
            )
            for tick in scale.ticks {
                let y = n(self.y(tick))
                let isZero = tick == 0 && scale.lower < 0
                svg.add(
                    "line",
                    [
                        "class": isZero ? "zero-axis" : "gridline", "x1": n(plotLeft), "x2": n(plotRight), "y1": y,
                        "y2": y, "stroke": isZero ? Palette.axis : Palette.grid, "stroke-width": "1",
                    ]
                )
                svg.add(
                    "text",
                    [
                        "class": "tick-label", "x": n(plotLeft - 8), "y": y, "text-anchor": "end",
                        "dominant-baseline": "middle", "fill": Palette.muted,
                    ],
                    text: tickText(tick, scale)
                )
            }
            svg.add(
                "line",
                [
                    "class": "x-axis", "x1": n(plotLeft), "x2": n(plotRight), "y1": n(plotBottom), "y2": n(plotBottom),
                    "stroke": Palette.axis, "stroke-width": "1",
                ]
            )
            let slot =
                count > 1 ? (plotRight - plotLeft) / Double(count - 1) * Double(labelStride) : plotRight - plotLeft
            for index in stride(from: 0, to: count, by: labelStride) {
                let text = index < chart.xLabels.count ? chart.xLabels[index] : ""
                guard !text.isEmpty else { continue }
                svg.label(
                    text, maxWidth: max(24, slot - 6), fontSize: Self.fontSize,
                    [
                        "class": "x-label", "x": n(x(index)), "y": n(plotBottom + 18), "text-anchor": "middle",
                        "fill": Palette.muted,
                    ]
                )
            }
        }

        private func drawSeries(_ series: Series, index: Int, into svg: inout SVGBuilder) {
            let n = SVGBuilder.number
            let color = Palette.series(index)
            // Colours repeat after the palette runs out; dashes keep the repeats apart.
            let dash = index >= Palette.series.count ? "6 4" : "none"
            svg.open("g", ["class": "series", "stroke": color, "fill": color])
            var run: [String] = []
            func flush() {
                if run.count > 1 {
                    svg.add(
                        "polyline",
                        [
                            "class": "series-line", "points": run.joined(separator: " "), "fill": "none",
                            "stroke-width": "2", "stroke-linejoin": "round", "stroke-linecap": "round",
                            "stroke-dasharray": dash,
                        ]
                    )
                }
                run = []
            }
            for (position, value) in series.points.enumerated() {
                guard let value, value.isFinite else {
                    flush()
                    continue
                }
                run.append(n(x(position)) + "," + n(y(value)))
            }
            flush()
            let radius = count > 40 ? "2.5" : "3.5"
            for (position, value) in series.points.enumerated() {
                guard let value, value.isFinite else { continue }
                let xLabel = position < chart.xLabels.count ? chart.xLabels[position] : "#\(position + 1)"
                svg.add(
                    "circle",
                    [
                        "class": "point", "cx": n(x(position)), "cy": n(y(value)), "r": radius, "stroke": "#FFFFFF",
                        "stroke-width": "1.5",
                    ],
                    title: series.name + " · " + xLabel + "：" + NumberFormat.value(value)
                )
            }
            svg.close("g")
        }
    }
}

/// A tick label with as many decimals as the step needs, no more.
private func tickText(_ tick: Double, _ scale: NiceScale) -> String {
    NumberFormat.value(tick, fractionDigits: scale.fractionDigits)
}
