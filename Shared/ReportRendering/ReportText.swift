public import Assessment
import Domain

/// The report for a terminal: a heading, then tables.
public enum ReportText {
    /// `tables` names the tables to print; by default the ranking, the bureau's figures, the
    /// hot spots and the overdue orders, and for a single unit its figures, deductions and
    /// overdue orders.
    public static func render(_ report: AssessmentReport, tables: [String] = []) -> String {
        let chosen = tables.isEmpty ? defaultTables(report) : tables
        let all = ReportTables.all(report)
        let sections = chosen.compactMap { name in all.first { $0.name == name }?.text() }
        return ([heading(report)] + sections).joined(separator: "\n\n")
    }

    static func defaultTables(_ report: AssessmentReport) -> [String] {
        report.units.count == 1 ? ["ranking", "figures", "deductions", "overdue"] : ["ranking", "hotspots", "overdue"]
    }

    public static func heading(_ report: AssessmentReport) -> String {
        let bureau = report.bureau.figures
        let scheme = report.scheme
        return """
            人社局 12345 工单考评 \(report.period)（\(report.period.first) 至 \(report.period.last)，北京时间）
            截至 \(ReportTable.Value.instant(report.asOf).display)；积分方案 \(scheme.name)：基准 \(ReportTable.Value.fixed(scheme.base, 0)) 分，\
            低于 \(ReportTable.Value.fixed(scheme.threshold, 0)) 分约谈
            全局：收件 \(bureau.received)，按时签收率 \(ReportTable.Value.percent(bureau.acknowledgedOnTimeRate).display)，\
            办结 \(bureau.closed)，按时办结率 \(ReportTable.Value.percent(bureau.closedOnTimeRate).display)，\
            当前超期 \(bureau.overdueNow)，响应率 \(ReportTable.Value.percent(bureau.responseRate).display)，\
            解决率 \(ReportTable.Value.percent(bureau.resolutionRate).display)，满意率 \(ReportTable.Value.percent(bureau.satisfactionRate).display)
            """
    }
}
