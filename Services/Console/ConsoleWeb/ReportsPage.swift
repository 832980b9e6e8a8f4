import Assessment
import Charts
import Domain
import Foundation
import ReportRendering

/// 统计报表: the assessment of a period as `subanctl report --output html` draws it (the same
/// renderer, its sections embedded under `.report` with their stylesheet served as a file, since
/// the console's policy allows no inline style), its downloads, and the daily digests' days.
enum ReportsPage {
    /// Whom intake lets read a report: the bureau-wide roles every unit, a unit's people their
    /// unit's row ranked among all. Intake checks again.
    static func mayView(_ staff: SignedInStaff) -> Bool {
        let bureauWide: Set<Role> = [.bureauDesk, .bureauLeader, .administrator, .taskForce]
        return !staff.roles.isDisjoint(with: bureauWide) || staff.unit != nil
    }

    static let stylesheetPath = "/assets/report.css"
    /// The report's own stylesheet, and for a phone: figures two by two, charts and tables that
    /// scroll sideways rather than shrink their labels to nothing or break names letter by letter.
    static let stylesheet =
        HTMLPage.scopedStylesheet(under: ".report") + """
            @media (max-width: 640px) {
            .report { padding: .3rem; }
            .report .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
            .report .figure { padding: 8px 10px; }
            .report .figure-value { font-size: 20px; }
            .report .chart { overflow-x: auto; }
            .report .chart svg { min-width: 560px; }
            .report .table-card th, .report .table-card td { white-space: nowrap; padding: 6px 8px; }
            }
            """
    /// How many past days the digest list offers.
    static let digestDays = 7

    static func page(
        staff: SignedInStaff, choice: ReportChoice?, report: AssessmentReport?, today: LocalDate, flash: Flash? = nil
    ) -> HTML {
        var body: HTML = """
            <h1>统计报表</h1>
            \(periodLinks(today: today))
            \(periodForm(choice))
            """
        if let report, let choice {
            let document = ReportRendering.ReportPage.document(report)
            body = """
                \(body)
                <h2 id="report-title">\(document.title)\(choice.asOf.map { "（截至 \($0) 24:00）" } ?? "")</h2>
                <p class="muted">\(document.subtitle)</p>
                \(downloads(choice, report: report))
                <div class="report" id="report">\(HTML(renderedByCharts: document.sectionsHTML))</div>
                """
        }
        body = "\(body)\(digests(today: today))"
        return PageLayout.page(title: "统计报表", staff: staff, flash: flash, body: body, stylesheet: stylesheetPath)
    }

    private static func periodLinks(today: LocalDate) -> HTML {
        let lastMonth = ReportPeriod.month(containing: today).previous
        let choices: [(String, ReportPeriod)] = [
            ("今日", .day(today)), ("本周", .week(containing: today)), ("本月", .month(containing: today)), ("上月", lastMonth),
            ("本季度", .quarter(containing: today)),
        ]
        let links: [HTML] = choices.map { label, period in
            "<a href=\"/reports?period=\(period.description)\">\(label)</a>"
        }
        return "<nav class=\"periods\" aria-label=\"常用期间\">\(links)</nav>"
    }

    private static func periodForm(_ choice: ReportChoice?) -> HTML {
        let typed = choice.map { $0.period.granularity == .range ? "" : $0.period.description } ?? ""
        let range = choice.flatMap { $0.period.granularity == .range ? $0.period : nil }
        return """
            <form method="get" action="/reports" class="filters" id="period-form">
            \(FormControls.input("period", label: "期间（日、周、月、季度）", value: typed, extra: " placeholder=\"2026-03 或 2026-W10\""))
            \(FormControls.input("from", label: "或区间：开始日期", type: "date", value: range.map { $0.first.description } ?? ""))
            \(FormControls.input("to", label: "结束日期", type: "date", value: range.map { $0.last.description } ?? ""))
            <button type="submit" class="primary">查看</button>
            </form>
            """
    }

    private static func downloads(_ choice: ReportChoice, report: AssessmentReport) -> HTML {
        let options = ReportTables.all(report).map { (value: $0.name, label: $0.title) }
        return """
            <div class="downloads">
            <a class="button" id="download-xlsx" href="/reports/download?\(choice.query)&amp;format=xlsx">下载 Excel 工作簿（xlsx，全部表格）</a>
            <form method="get" action="/reports/download" class="filters">
            <input type="hidden" name="period" value="\(choice.period.description)">
            \(choice.asOf.map { "<input type=\"hidden\" name=\"asof\" value=\"\($0.description)\">" as HTML } ?? .empty)
            <input type="hidden" name="format" value="csv">
            \(FormControls.select("table", label: "CSV 表格", options: options, selected: "ranking", anyLabel: nil))
            <button type="submit" id="download-csv">下载 CSV</button>
            </form>
            </div>
            """
    }

    /// Intake records which days' digests went out and mails them; neither it nor the gateway
    /// keeps the mail's text where a page can read it. What a digest said is the month's ranking
    /// up to the end of its day, which the report computes again from the same facts.
    private static func digests(today: LocalDate) -> HTML {
        var items: [HTML] = []
        for back in 1...digestDays {
            guard let day = today.adding(days: -back) else { continue }
            let choice = ReportChoice(period: .month(containing: day), asOf: day)
            items.append(
                "<li><a href=\"/reports?\(choice.query)\">\(day.description) 通报（\(choice.period.description) 截至当日）</a></li>"
            )
        }
        return """
            <h2 id="digests">每日通报</h2>
            <p class="muted">每日通报于次日早晨以邮件发送给各单位负责人，内容是本月截至当日 24:00 的得分、排名与当日扣分。\
            系统只记录哪天的通报已发送，不保存邮件正文；下列链接按同一数据重新计算当日的通报内容。</p>
            <ul id="digest-days">\(items)</ul>
            """
    }
}

extension HTML {
    /// Markup the chart module rendered: it escapes every piece of text it puts in, as `HTML` does.
    init(renderedByCharts markup: String) {
        self.init(stringLiteral: markup)
    }
}
