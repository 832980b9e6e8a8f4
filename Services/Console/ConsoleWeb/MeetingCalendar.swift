import Domain
import Foundation
import WireProtocol

/// The meetings of every case listed, day by day in Beijing time over a week: a dated list rather
/// than a grid, so that it reads the same on a phone. A meeting is marked when the coordination
/// service names conflicts for it (another pending meeting overlapping it that invites one of the
/// same units: `MeetingConflict` in the domain); the calendar does not judge conflicts again.
struct MeetingCalendar: Sendable {
    struct Entry: Sendable {
        var caseID: String
        var orderID: String
        var orderNumber: String
        var meeting: Wire.MeetingView

        var conflicted: Bool { !meeting.conflicts.isEmpty }
    }

    struct Day: Sendable {
        var date: LocalDate
        var entries: [Entry]
    }

    static let length = 7

    let from: LocalDate
    let days: [Day]

    init(cases: [Wire.CoordinationCaseView], from: LocalDate) {
        self.from = from
        let dates = (0..<Self.length).compactMap { from.adding(days: $0) }
        var byDay: [LocalDate: [Entry]] = [:]
        for view in cases {
            for meeting in view.meetings {
                let day = LocalDate(containing: Date(timeIntervalSince1970: Double(meeting.startsAtUnixMs) / 1000))
                guard dates.contains(day) else { continue }
                let number = view.platformOrderNumber.isEmpty ? view.orderId : view.platformOrderNumber
                byDay[day, default: []].append(
                    Entry(caseID: view.id, orderID: view.orderId, orderNumber: number, meeting: meeting))
            }
        }
        days = dates.map { date in
            Day(
                date: date,
                entries: byDay[date, default: []].sorted {
                    ($0.meeting.startsAtUnixMs, $0.meeting.id) < ($1.meeting.startsAtUnixMs, $1.meeting.id)
                })
        }
    }

    var conflictCount: Int { days.reduce(0) { $0 + $1.entries.filter(\.conflicted).count } }

    static func page(
        staff: SignedInStaff, calendar: MeetingCalendar, today: LocalDate, units: UnitNames, scopeNote: String
    ) -> HTML {
        var sections: [HTML] = []
        for day in calendar.days {
            var entries: [HTML] = []
            for entry in day.entries { entries.append(self.entry(entry, units: units)) }
            let list: HTML =
                entries.isEmpty ? "<p class=\"muted\">无会议</p>" : "<ul class=\"calendar-day\">\(entries)</ul>"
            let mark: HTML = day.date == today ? "（今天）" : .empty
            sections.append(
                """
                <section class="day\(day.date.isWeekend ? " weekend" : "")" data-day="\(day.date.description)">
                <h2>\(day.date.month) 月 \(day.date.day) 日 \(weekday(day.date))\(mark)</h2>
                \(list)
                </section>
                """)
        }
        let conflicts: HTML =
            calendar.conflictCount > 0
            ? "<p class=\"flash flash-error\" id=\"calendar-conflicts\">本周有 \(calendar.conflictCount) 场会议存在时间冲突（已标出）。</p>"
            : .empty
        let previous = calendar.from.adding(days: -Self.length)?.description ?? calendar.from.description
        let next = calendar.from.adding(days: Self.length)?.description ?? calendar.from.description
        let body: HTML = """
            <p class="crumbs"><a href="/coordination">协调会商</a> › 会议日历</p>
            <h1>会议日历 <span class="muted">（\(calendar.from.description) 起 7 天）</span></h1>
            <nav class="pager" aria-label="翻页"><a href="/coordination/calendar?from=\(previous)">‹ 前一周</a> \
            <a href="/coordination/calendar">今天</a> <a href="/coordination/calendar?from=\(next)">后一周 ›</a></nav>
            <form method="get" action="/coordination/calendar" class="filters">
            \(FormControls.input("from", label: "从哪天起", type: "date", value: calendar.from.description))
            <button type="submit" class="primary">查看</button></form>
            <p class="muted">\(scopeNote)标有“时间冲突”的会议与另一场待开会议时间重叠，且邀请了相同单位。</p>
            \(conflicts)
            \(sections)
            """
        return PageLayout.page(title: "会议日历", staff: staff, body: body)
    }

    private static func entry(_ entry: Entry, units: UnitNames) -> HTML {
        let meeting = entry.meeting
        let state = Meeting.State(rawValue: meeting.state)
        let start = PageLayout.time(meeting.startsAtUnixMs).dropFirst(11)
        let end = PageLayout.time(meeting.endsAtUnixMs).dropFirst(11)
        let classes =
            "calendar-entry" + (entry.conflicted ? " conflicted" : "") + (state == .cancelled ? " cancelled" : "")
        let flag: HTML = entry.conflicted ? " <strong class=\"conflict-flag\">时间冲突</strong>" : .empty
        return """
            <li class="\(classes)" data-meeting-id="\(meeting.id)" data-conflict="\(entry.conflicted ? "true" : "false")">
            <p class="when">\(String(start))–\(String(end)) <span class="state">\(state?.label ?? meeting.state)</span>\(flag)</p>
            <p><a href="/coordination/\(entry.caseID)#meeting-\(meeting.number)">\(entry.caseID) 第 \(meeting.number) 次会议</a> \
            · 工单 <a href="/orders/\(entry.orderID)">\(entry.orderNumber)</a></p>
            <p>\(meeting.place.isEmpty ? "线上会议" : meeting.place) · \(meeting.agenda)</p>
            <p class="muted">邀请：\(meeting.invitedUnits.map(units.name).joined(separator: "、"))</p>
            \(MeetingText.conflicts(meeting.conflicts, units: units))
            </li>
            """
    }

    static func weekday(_ date: LocalDate) -> String {
        switch date.weekday {
        case .monday: "周一"
        case .tuesday: "周二"
        case .wednesday: "周三"
        case .thursday: "周四"
        case .friday: "周五"
        case .saturday: "周六"
        case .sunday: "周日"
        }
    }
}
