@testable import Charts

/// A page with every section and chart kind, filled with data shaped like a month of the bureau's
/// assessment: for the safety, determinism and browser tests, and for a person to look at.
enum SamplePage {
    static let keyFigures = [
        KeyFigure(label: "全市平均分", value: "846.2", note: "较上月 +3.1 分", tone: .good),
        KeyFigure(label: "工单总量", value: "12,480", note: "较上月 −4.2%"),
        KeyFigure(label: "低于约谈线单位", value: "2 个", note: "青山区、白云区", tone: .bad),
        KeyFigure(label: "按时办结率", value: "97.6%", tone: .neutral),
    ]

    static let districts = ["东湖区", "西岭区", "南港区", "北塘区", "高新技术产业开发区管理委员会", "临江区", "青山区", "白云区"]

    static var scoreChart: BarChart {
        let scores = [912.5, 884, 861, 845, 832, 806, 792, 768]
        let bars = zip(districts, scores).map { name, score in
            BarChart.Bar(label: name, value: score, tone: score < 800 ? .bad : .neutral)
        }
        return BarChart(bars: bars, referenceLine: .init(value: 800, label: "约谈线"))
    }

    static var changeChart: BarChart {
        let changes = [12.5, 6, 3.2, 0, -1.5, -4, -8.75, -15]
        return BarChart(
            bars: zip(districts, changes).map { .init(label: $0, value: $1, tone: $1 < 0 ? .bad : .good) }
        )
    }

    static var trendChart: LineChart {
        let days = (1...30).map { "11-\($0 < 10 ? "0" : "")\($0)" }
        func series(_ name: String, base: Double, gapAt gaps: Set<Int> = []) -> LineChart.Series {
            // A fixed wave rather than random numbers: the page must be the same on every run.
            let points = (0..<30).map { day -> Double? in
                gaps.contains(day) ? nil : base + Double((day * 7) % 11) * 3 - Double(day % 4) * 2.5
            }
            return .init(name: name, points: points)
        }
        return LineChart(
            series: [
                series("全市", base: 830), series("东湖区", base: 790, gapAt: [9, 10, 11]),
                series("高新技术产业开发区管理委员会", base: 860, gapAt: [20]),
            ],
            xLabels: days,
            yAxisTitle: "日均得分（分）"
        )
    }

    static var topicChart: DonutChart {
        let topics: [(String, Double)] = [
            ("城市管理", 3120), ("交通出行", 2210), ("住房保障", 1780), ("劳动社保", 1430), ("教育", 1204),
            ("医疗卫生", 980), ("生态环境", 760), ("市场监管", 540), ("其他事项", 456),
        ]
        return DonutChart(segments: topics.map { .init(label: $0.0, value: $0.1) })
    }

    static var unitTable: Table {
        Table(
            header: ["单位", "得分", "环比", "按时办结率", "备注"],
            rows: [
                ["东湖区", "912.5", "+12.5", "99.1%", "连续三月第一"],
                [.init("白云区", tone: .bad), .init("768", tone: .bad), "-15", "91.4%", .init("低于约谈线", tone: .bad)],
                ["青山区", "845", "0", "—", ""],
            ],
            caption: "各单位得分"
        )
    }

    static var page: HTMLPage {
        var page = HTMLPage(title: "12345热线11月考核报告", subtitle: "统计期：2025年11月1日至11月30日")
        page.add(.keyFigures(keyFigures))
        page.add(.heading("一、总体情况"))
        page.add(.paragraph("本月全市平均得分较上月上升，两个单位低于约谈线。"))
        page.add(.chart(title: "每日得分走势", svg: trendChart.svg()))
        page.add(.chart(title: "各单位得分排名", svg: scoreChart.svg()))
        page.add(.chart(title: "得分环比变化", svg: changeChart.svg()))
        page.add(.heading("二、诉求分布"))
        page.add(.chart(title: "诉求类别占比", svg: topicChart.svg()))
        page.add(.table(unitTable))
        page.add(.note("注：得分按考核办法（2025版）计算；“—”表示当月无数据。"))
        return page
    }

    /// How many `<svg>` elements `page` holds.
    static let chartCount = 4
}
