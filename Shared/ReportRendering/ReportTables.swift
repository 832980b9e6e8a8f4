public import Assessment
import Domain

/// A report as tables: what `subanctl report` prints, writes as CSV (one table) and as a
/// workbook (one sheet each).
public enum ReportTables {
    /// Every table, in the order a reader goes through them.
    public static func all(_ report: AssessmentReport) -> [ReportTable] {
        [
            ranking(report), figures(report), received(report), trend(report), dailyScores(report), deductions(report),
            overdue(report),
            hotSpots(report), repeated(report),
        ]
    }

    public static let names = [
        "ranking", "figures", "received", "trend", "daily", "deductions", "overdue", "hotspots", "repeated",
    ]

    /// 排名: score, change and the figures a leader looks at first.
    public static func ranking(_ report: AssessmentReport) -> ReportTable {
        var table = ReportTable(
            name: "ranking", title: "单位考评排名",
            columns: ["排名", "单位", "得分", "较上期", "上期排名", "收件", "按时签收率", "按时办结率", "当前超期", "满意率", "约谈"]
        )
        for unit in report.units {
            let figures = unit.figures
            table.rows.append([
                .integer(unit.rank), .text(unit.name), .number(unit.score, decimals: 1),
                .number(unit.change, decimals: 1),
                .integer(unit.previousRank), .integer(figures.received), .percent(figures.acknowledgedOnTimeRate),
                .percent(figures.closedOnTimeRate), .integer(figures.overdueNow), .percent(figures.satisfactionRate),
                .text(unit.flagged ? "是" : ""),
            ])
        }
        return table
    }

    /// Every figure of docs/assessment.md, one row per unit and one for the bureau.
    public static func figures(_ report: AssessmentReport) -> ReportTable {
        var table = ReportTable(
            name: "figures", title: "工作指标",
            columns: [
                "单位", "收件", "签收", "按时签收", "超时签收", "按时签收率", "平均签收分钟", "答复", "办结", "按时办结", "超期办结",
                "按时办结率", "平均办理工作日", "当前超期", "期内超期", "申请延期", "延期获准", "申请退单", "退单", "退单率",
                "退回重办", "重办", "重办率", "回访", "响应率", "解决率", "满意率", "绿色通道办结", "绿色通道按时销号",
                "欠薪办结", "帮助人数", "追回金额（元）", "并单",
            ]
        )
        for unit in report.units + [report.bureau] {
            let f = unit.figures
            table.rows.append([
                .text(unit.name), .integer(f.received), .integer(f.acknowledged), .integer(f.acknowledgedOnTime),
                .integer(f.acknowledgedLate), .percent(f.acknowledgedOnTimeRate),
                optional(f.averageAcknowledgeMinutes, 1),
                .integer(f.replied), .integer(f.closed), .integer(f.closedOnTime), .integer(f.closedLate),
                .percent(f.closedOnTimeRate),
                optional(f.averageHandlingWorkingDays, 1), .integer(f.overdueNow), .integer(f.overdueEver),
                .integer(f.extensionsRequested), .integer(f.extensionsGranted), .integer(f.returnsRequested),
                .integer(f.returned),
                .percent(f.returnRate), .integer(f.sentBack), .integer(f.reopened), .percent(f.reopenRate),
                .integer(f.callbacks),
                .percent(f.responseRate), .percent(f.resolutionRate), .percent(f.satisfactionRate),
                .integer(f.greenClosed),
                .integer(f.greenClosedOnTime), .integer(f.wageOrdersClosed), .integer(f.wageWorkersHelped),
                .number(f.wageAmountRecoveredYuan, decimals: 2), .integer(f.merged),
            ])
        }
        return table
    }

    /// 收件: orders received by channel, urgency, kind and topic.
    public static func received(_ report: AssessmentReport) -> ReportTable {
        var table = ReportTable(name: "received", title: "收件分类", columns: ["单位", "维度", "分类", "件数"])
        for unit in report.units + [report.bureau] {
            for dimension in ReportLabels.dimensions {
                for (code, count) in (unit.receivedBy[dimension.key] ?? [:]).sorted(by: {
                    ($1.value, $0.key) < ($0.value, $1.key)
                }) {
                    table.rows.append([
                        .text(unit.name), .text(dimension.title),
                        .text(ReportLabels.dimensionValue(dimension.key, code)), .integer(count),
                    ])
                }
            }
        }
        return table
    }

    /// 收件趋势: orders received per day (or week) by unit, then by topic.
    public static func trend(_ report: AssessmentReport) -> ReportTable {
        let units = report.units.filter { $0.receivedTrend.contains { $0 > 0 } }
        var table = ReportTable(
            name: "trend", title: "收件趋势",
            columns: ["日期"] + units.map(\.name) + report.topicTrend.map { ReportLabels.topic($0.name) }
        )
        for (index, bucket) in report.buckets.enumerated() {
            table.rows.append(
                [.text(bucket)] + units.map { .integer(Int($0.receivedTrend[index])) }
                    + report.topicTrend.map { .integer(Int($0.values[index])) }
            )
        }
        return table
    }

    /// 每日积分: the running score of every unit at the end of each day.
    public static func dailyScores(_ report: AssessmentReport) -> ReportTable {
        var table = ReportTable(name: "daily", title: "每日积分", columns: ["日期"] + report.units.map(\.name))
        for (index, day) in report.period.days.enumerated() {
            table.rows.append([.day(day)] + report.units.map { .number($0.dailyScores[index].score, decimals: 1) })
        }
        return table
    }

    /// 扣分明细: the orders behind every deduction.
    public static func deductions(_ report: AssessmentReport) -> ReportTable {
        let listed = report.units.reduce(0) { $0 + $1.deductions.count }
        let total = report.units.reduce(0) { $0 + $1.deductionCount }
        var table = ReportTable(
            name: "deductions", title: "扣分明细", columns: ["单位", "时间", "工单编号", "事项", "分值", "Suban 编号"])
        if listed < total { table.note = "共 \(total) 条，此处列出各单位最近的 \(listed) 条；subanctl report --unit 列出一个单位的全部" }
        for unit in report.units {
            for deduction in unit.deductions {
                table.rows.append([
                    .text(unit.name), .instant(deduction.at), .text(deduction.platformOrderNumber),
                    .text(deduction.title),
                    .number(deduction.points, decimals: 1), .text(deduction.orderID),
                ])
            }
        }
        return table
    }

    /// 当前超期: orders past their acknowledgement deadline unacknowledged, or past their handling
    /// deadline without a reply; each once, with the deadline it missed first.
    public static func overdue(_ report: AssessmentReport) -> ReportTable {
        var table = ReportTable(
            name: "overdue", title: "当前超期工单", columns: ["单位", "工单编号", "超期时限", "超期自", "重办次数", "Suban 编号"])
        for unit in report.units {
            for order in unit.overdueOrders {
                table.rows.append([
                    .text(unit.name), .text(order.platformOrderNumber), order.missed.map { .text($0.label) } ?? .empty,
                    order.since.map { .instant($0) } ?? .empty,
                    .integer(order.reopenCount), .text(order.orderID),
                ])
            }
        }
        return table
    }

    /// 热点: topics and keywords, this week against last.
    public static func hotSpots(_ report: AssessmentReport) -> ReportTable {
        var table = ReportTable(name: "hotspots", title: "热点（近 7 日对比前 7 日）", columns: ["类别", "名称", "本周", "上周", "上升"])
        for trend in report.hotSpots.topics {
            table.rows.append([
                .text("诉求分类"), .text(ReportLabels.topic(trend.name)), .integer(trend.thisWeek),
                .integer(trend.lastWeek), .text(trend.rising ? "↑" : ""),
            ])
        }
        for trend in report.hotSpots.keywords {
            table.rows.append([
                .text("关键词"), .text(trend.name), .integer(trend.thisWeek), .integer(trend.lastWeek),
                .text(trend.rising ? "↑" : ""),
            ])
        }
        return table
    }

    /// 重复诉求: callers and enterprises that called repeatedly, and orders that keep coming back.
    public static func repeated(_ report: AssessmentReport) -> ReportTable {
        var table = ReportTable(name: "repeated", title: "重复诉求与反复重办", columns: ["类别", "对象", "名称", "次数"])
        for demand in report.hotSpots.repeatedEnterprises {
            table.rows.append([.text("企业"), .text(demand.key), .text(demand.name), .integer(demand.count)])
        }
        for demand in report.hotSpots.repeatedCallers {
            table.rows.append([.text("来电人"), .text(demand.key), .empty, .integer(demand.count)])
        }
        for order in report.hotSpots.recurringOrders {
            table.rows.append([
                .text("反复重办工单"), .text(order.platformOrderNumber), .text(order.orderID), .integer(order.reopenCount),
            ])
        }
        return table
    }

    static func optional(_ value: Double?, _ decimals: Int) -> ReportTable.Value {
        value.map { .number($0, decimals: decimals) } ?? .empty
    }
}
