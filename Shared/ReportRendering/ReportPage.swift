public import Assessment
public import Charts
import Domain
import Foundation

/// The report as one self-contained HTML page (inline SVG charts, no scripts, nothing fetched):
/// key figures first, then the ranking, trends and breakdowns, then the lists to act on.
public enum ReportPage {
    /// Rows of long lists shown on the page; the workbook has them all.
    static let listLimit = 50

    public static func html(_ report: AssessmentReport) -> String {
        document(report).render()
    }

    /// The page before rendering: the staff console embeds its sections in a page of its own.
    public static func document(_ report: AssessmentReport) -> HTMLPage {
        var page = HTMLPage(
            title: "人社局 12345 工单考评 \(report.period)",
            subtitle:
                "\(report.period.first) 至 \(report.period.last)（北京时间），数据截至 \(ReportTable.Value.instant(report.asOf).display)，积分方案 \(report.scheme.name)"
        )
        page.add(.keyFigures(keyFigures(report)))
        page.add(.chart(title: "单位得分排名（基准 \(points(report.scheme.base)) 分）", svg: scoreBars(report)))
        page.add(.chart(title: "较上期（\(report.previousPeriod)）得分变化", svg: change(report)))
        page.add(.chart(title: "收件趋势（按诉求分类）", svg: topicTrend(report)))
        page.add(.chart(title: "诉求分类构成", svg: topicShare(report)))
        if report.period.dayCount > 1 {
            page.add(.chart(title: "每日累计积分", svg: dailyScores(report)))
        }
        let ranking = ReportTables.ranking(report)
        page.add(.table(table(ranking, highlightColumn: ranking.columns.firstIndex(of: "约谈"))))
        page.add(.heading("热点与重复诉求"))
        page.add(.table(table(ReportTables.hotSpots(report))))
        page.add(.table(table(ReportTables.repeated(report))))
        page.add(.heading("待办与扣分"))
        page.add(.table(table(ReportTables.overdue(report))))
        page.add(.table(table(ReportTables.deductions(report))))
        page.add(.note("各项指标的定义见 docs/assessment.md；长表只列前 \(listLimit) 行，完整明细见 subanctl report --output xlsx。"))
        return page
    }

    static func keyFigures(_ report: AssessmentReport) -> [KeyFigure] {
        let figures = report.bureau.figures
        let flagged = report.units.filter(\.flagged).count
        return [
            KeyFigure(label: "收件", value: String(figures.received), note: "办结 \(figures.closed) 件"),
            rate("按时签收率", figures.acknowledgedOnTimeRate, good: 0.95),
            rate("按时办结率", figures.closedOnTimeRate, good: 0.95),
            KeyFigure(label: "当前超期", value: String(figures.overdueNow), tone: figures.overdueNow > 0 ? .bad : .good),
            rate("响应率", figures.responseRate, good: 0.95),
            rate("解决率", figures.resolutionRate, good: 0.9),
            rate("满意率", figures.satisfactionRate, good: 0.9),
            KeyFigure(
                label: "欠薪追回", value: tenThousands(figures.wageAmountRecoveredYuan) + " 万元",
                note: "\(figures.wageWorkersHelped) 名劳动者，\(figures.wageOrdersClosed) 件"
            ),
            KeyFigure(label: "低于约谈线", value: "\(flagged) 个单位", tone: flagged > 0 ? .bad : .good),
        ]
    }

    static func rate(_ label: String, _ value: Double?, good: Double) -> KeyFigure {
        KeyFigure(
            label: label, value: ReportTable.Value.percent(value).display,
            tone: value.map { $0 >= good ? .good : .bad } ?? .neutral
        )
    }

    static func scoreBars(_ report: AssessmentReport) -> SVG {
        var chart = BarChart(
            bars: report.units.map {
                BarChart.Bar(
                    label: $0.name, value: $0.score, tone: $0.flagged ? .bad : .neutral, valueText: points($0.score))
            },
            referenceLine: BarChart.ReferenceLine(value: report.scheme.threshold, label: "约谈线")
        )
        chart.accessibilityLabel = "各单位得分，由高到低"
        chart.startsNearLowest = true
        return chart.svg()
    }

    static func change(_ report: AssessmentReport) -> SVG {
        let bars = report.units.sorted { ($1.change, $0.unit) < ($0.change, $1.unit) }.map {
            BarChart.Bar(
                label: $0.name, value: $0.change, tone: $0.change < 0 ? .bad : .good,
                valueText: (($0.change >= 0) ? "+" : "") + points($0.change))
        }
        return BarChart(bars: bars).svg()
    }

    static func topicTrend(_ report: AssessmentReport) -> SVG {
        // The six biggest topics keep the chart readable; the rest are in the workbook.
        let series = report.topicTrend.sorted { ($1.values.reduce(0, +), $0.name) < ($0.values.reduce(0, +), $1.name) }
            .prefix(6)
        return LineChart(
            series: series.map { LineChart.Series(name: ReportLabels.topic($0.name), points: $0.values.map { $0 }) },
            xLabels: report.buckets.map(shortLabel), yAxisTitle: "件"
        ).svg()
    }

    static func topicShare(_ report: AssessmentReport) -> SVG {
        let topics = report.bureau.receivedBy["topic"] ?? [:]
        return DonutChart(
            segments: topics.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
                DonutChart.Segment(label: ReportLabels.topic($0.key), value: Double($0.value))
            }
        ).svg()
    }

    static func dailyScores(_ report: AssessmentReport) -> SVG {
        LineChart(
            series: report.units.map { LineChart.Series(name: $0.name, points: $0.dailyScores.map(\.score)) },
            xLabels: report.period.days.map { String($0.description.suffix(5)) }, yAxisTitle: "分"
        ).svg()
    }

    /// A report table as a page table, rows past the limit left out, rows with text in
    /// `highlightColumn` (flagged units) in red.
    static func table(_ source: ReportTable, highlightColumn: Int? = nil) -> Table {
        let rows = source.rows.prefix(listLimit).map { row in
            let flagged = highlightColumn.map { row[$0] != .text("") } ?? false
            return row.map { Table.Cell($0.display, tone: flagged ? .bad : .neutral) }
        }
        var caption =
            source.rows.count > listLimit
            ? "\(source.title)（共 \(source.rows.count) 行，列出前 \(listLimit) 行）" : source.title
        if let note = source.note { caption += "；\(note)" }
        return Table(header: source.columns, rows: Array(rows), caption: caption)
    }

    /// `2026-03-05` as `03-05`, `2026-W10` as `W10`: the year is in the title.
    static func shortLabel(_ bucket: String) -> String {
        bucket.count == 10 ? String(bucket.suffix(5)) : String(bucket.drop { $0 != "W" })
    }

    /// Yuan in 万元 with two decimals and thousands separators, as Chinese reports give money.
    static func tenThousands(_ yuan: Double) -> String {
        let hundredths = Int((yuan / 100).rounded())
        let whole = String(hundredths / 100)
        var grouped = ""
        for (index, digit) in whole.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return String(grouped.reversed()) + "." + String(format: "%02d", hundredths % 100)
    }

    static func points(_ value: Double) -> String {
        ReportTable.Value.number(value, decimals: value == value.rounded() ? 0 : 1).display
    }
}
