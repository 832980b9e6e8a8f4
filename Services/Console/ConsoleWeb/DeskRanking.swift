import Assessment
import Foundation
import RPC

/// The month's ranking on the desk's dashboard: each unit's rank, score and change, as the
/// assessment (统计报表) has them, the units under the 约谈 line marked.
enum DeskRanking {
    static func table(_ ranking: Result<AssessmentReport, RPCError>) -> HTML {
        let report: AssessmentReport
        switch ranking {
        case .success(let read): report = read
        case .failure(let error): return "<p class=\"flash flash-error\">排名未显示：\(RefusalText.message(error))</p>"
        }
        guard !report.units.isEmpty else { return "<p class=\"muted\">本月尚无考评数据。</p>" }
        var rows: [HTML] = []
        for unit in report.units {
            let change = unit.change == 0 ? "—" : String(format: "%+.1f", unit.change)
            rows.append(
                """
                <tr data-unit="\(unit.unit)"\(unit.flagged ? " class=\"overdue\"" : "")><td>\(unit.rank)</td><td>\(unit.name)</td>\
                <td>\(String(format: "%.1f", unit.score))</td><td>\(change)</td><td>\(unit.flagged ? "约谈线以下" : "")</td></tr>
                """
            )
        }
        return """
            <div class="scroll"><table id="desk-ranking"><thead><tr><th>名次</th><th>单位</th><th>得分</th><th>较上期</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            <p><a href="/reports">完整考评报表与下载</a></p>
            """
    }
}
