import Assessment
import Domain
import Foundation
import WireProtocol

/// The daily digest (每日积分通报) to each unit head: the unit's score and rank in the month so
/// far, the points of the day and the orders behind its deductions, and its overdue orders.
enum DigestComposer {
    static let kind = "daily_digest"

    /// One notification per unit. The gateway drops a notification whose id it has seen, so a
    /// resend names itself (`resend` is the instant it was asked for).
    static func notifications(_ report: AssessmentReport, day: LocalDate, resend: Date? = nil) -> [Wire.Notification] {
        let suffix = resend.map { "/resend-\(Int64($0.timeIntervalSince1970 * 1000))" } ?? ""
        return report.units.map { unit in
            Wire.Notification(
                notificationId: "digest/\(day)/\(unit.unit)\(suffix)",
                kind: kind, orderId: "", unit: unit.unit,
                subject: "【每日考评】\(unit.name) \(day)：\(points(unit.score)) 分，第 \(unit.rank) 名",
                body: body(unit, report: report, day: day)
            )
        }
    }

    static func body(_ unit: AssessmentReport.UnitReport, report: AssessmentReport, day: LocalDate) -> String {
        let today = unit.dailyScores.first { $0.day == day }
        let deductions = unit.deductions.filter { LocalDate(containing: $0.at) == day }
        let figures = unit.figures
        var lines = [
            "\(unit.name)：",
            "",
            "截至 \(day) 24:00，本月（\(report.period)）考评得分 \(points(unit.score)) 分，在 \(report.units.count) 个单位中排名第 \(unit.rank)。"
                + "上月得分 \(points(unit.previousScore))，差 \(signed(unit.change))。",
            "当日积分：\(signed(today?.points ?? 0))。",
        ]
        if unit.flagged {
            lines.append("注意：得分低于 \(points(report.scheme.threshold)) 分约谈线。")
        }
        lines += [
            "",
            "本月：收件 \(figures.received) 件，按时签收率 \(percent(figures.acknowledgedOnTimeRate))，"
                + "办结 \(figures.closed) 件，按时办结率 \(percent(figures.closedOnTimeRate))，满意率 \(percent(figures.satisfactionRate))。",
        ]
        lines.append("")
        lines.append(unit.overdueOrders.isEmpty ? "当前无超期工单。" : "当前超期工单 \(unit.overdueOrders.count) 件：")
        for order in unit.overdueOrders.prefix(20) {
            lines.append(
                "  - \(order.platformOrderNumber)，\(order.missed?.label ?? "时限")超期自 \(order.since.map(ShanghaiTime.chineseText) ?? "—")"
            )
        }
        if unit.overdueOrders.count > 20 {
            lines.append("  …… 另有 \(unit.overdueOrders.count - 20) 件，见 subanctl report")
        }
        if !deductions.isEmpty {
            lines.append("")
            lines.append("当日扣分：")
            for deduction in deductions {
                lines.append("  - \(deduction.platformOrderNumber)：\(deduction.title) \(signed(deduction.points))")
            }
        }
        lines += ["", "—— 人社局 12345 工作台（Suban 自动发送；完整报表：subanctl report --period \(report.period)）"]
        return lines.joined(separator: "\n")
    }

    static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + points(value) }

    static func percent(_ rate: Double?) -> String {
        rate.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }
}
