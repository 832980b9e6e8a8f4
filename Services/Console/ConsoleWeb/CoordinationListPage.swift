import Domain
import Foundation
import WireProtocol

/// 协调会商: the coordination cases, most recently changed first, with their state, order, units
/// and next meeting, filtered by state.
enum CoordinationListPage {
    /// The state filter: a case state, `active` for every case neither compiled nor cancelled (what
    /// coordination filters itself), or empty for all.
    struct Filter: Sendable, Equatable {
        static let active = "active"
        var state = ""

        init(_ query: FormFields) {
            let given = query.text("state") ?? ""
            state = given == Self.active || CoordinationCase.State(rawValue: given) != nil ? given : ""
        }

        /// Coordination filters by activity and unit only; a single state is picked out here.
        func request(unit: String) -> Wire.ListCasesRequest {
            Wire.ListCasesRequest(openOnly: state == Self.active, unit: unit, limit: CoordinationListPage.limit)
        }

        func admits(_ view: Wire.CoordinationCaseView) -> Bool {
            state.isEmpty || state == Self.active || view.state == state
        }
    }

    /// How many cases a page reads (coordination allows at most 500).
    static let limit: UInt32 = 500

    /// The earliest meeting still ahead (scheduled or moved), if any.
    static func nextMeeting(_ view: Wire.CoordinationCaseView) -> Wire.MeetingView? {
        view.meetings.filter {
            Meeting.State(rawValue: $0.state).map { [.scheduled, .rescheduled].contains($0) } ?? false
        }
        .min { $0.startsAtUnixMs < $1.startsAtUnixMs }
    }

    static func page(
        staff: SignedInStaff, filter: Filter, cases: [Wire.CoordinationCaseView], units: UnitNames, scopeNote: String
    ) -> HTML {
        var rows: [HTML] = []
        for view in cases where filter.admits(view) {
            let state = CoordinationCase.State(rawValue: view.state)?.label ?? view.state
            let number = view.platformOrderNumber.isEmpty ? view.orderId : view.platformOrderNumber
            let next: HTML =
                nextMeeting(view).map { meeting in
                    let mark: HTML =
                        meeting.conflicts.isEmpty ? .empty : " <strong class=\"conflict-flag\">时间冲突</strong>"
                    return "\(MeetingText.span(meeting))\(mark)"
                } ?? "—"
            let overdue: HTML =
                view.overdueItems > 0 ? "<br><span class=\"overdue\">\(view.overdueItems) 项事项逾期</span>" : .empty
            rows.append(
                """
                <tr data-case-id="\(view.id)" data-state="\(view.state)"><td><a class="order-link" href="/coordination/\(view.id)">\(view.id)</a></td>\
                <td>\(state)\(overdue)</td><td><a class="order-link" href="/orders/\(view.orderId)">\(number)</a></td>\
                <td>\(units.name(view.leadUnit))</td><td class="wide">\(view.participatingUnits.map(units.name).joined(separator: "、"))</td>\
                <td>\(next)</td></tr>
                """)
        }
        var options: [(value: String, label: String)] = [(Filter.active, "进行中（未汇总、未撤销）")]
        options += CoordinationCase.State.allCases.map { ($0.rawValue, $0.label) }
        let table: HTML =
            rows.isEmpty
            ? "<p class=\"muted\">没有符合条件的协调案件。协调案件由工单页面“协调会商”一栏立案（即时协办或绿色通道工单）。</p>"
            : """
            <div class="scroll"><table id="cases">
            <thead><tr><th>案件</th><th>状态</th><th>工单</th><th>牵头单位</th><th class="wide">参与单位</th><th>下次会议</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
        let body: HTML = """
            <h1>协调会商 <span class="muted">（\(rows.count) 件）</span></h1>
            <p><a href="/coordination/calendar">会议日历（标出时间冲突）</a></p>
            <form method="get" action="/coordination" class="filters" role="search">
            \(FormControls.select("state", label: "状态", options: options, selected: filter.state))
            <button type="submit" class="primary">筛选</button>
            </form>
            <p class="muted">\(scopeNote)</p>
            \(table)
            """
        return PageLayout.page(title: "协调会商", staff: staff, body: body)
    }
}
