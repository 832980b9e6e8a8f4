import Domain
import WireProtocol

/// A meeting as both the case page and the calendar say it: when, where, what about, who is
/// invited, its moves, and the other meetings it clashes with.
enum MeetingText {
    /// `2026-12-05 09:30–10:30`, the end's date repeated only when it is another day.
    static func span(_ meeting: Wire.MeetingView) -> String {
        let start = PageLayout.time(meeting.startsAtUnixMs)
        let end = PageLayout.time(meeting.endsAtUnixMs)
        return start.prefix(10) == end.prefix(10) ? "\(start)–\(end.dropFirst(11))" : "\(start) – \(end)"
    }

    static func details(_ meeting: Wire.MeetingView, units: UnitNames) -> HTML {
        let place: HTML = meeting.place.isEmpty ? .empty : "<dt>地点</dt><dd>\(meeting.place)</dd>"
        let call: HTML =
            meeting.callLink.isEmpty ? .empty : "<dt>线上</dt><dd class=\"order-link\">\(meeting.callLink)</dd>"
        var moves: [HTML] = []
        for move in meeting.reschedules {
            moves.append(
                "<li>\(PageLayout.time(move.fromStartsAtUnixMs)) → \(PageLayout.time(move.toStartsAtUnixMs))：\(move.reason)（\(move.actorId)）</li>"
            )
        }
        let moved: HTML = moves.isEmpty ? .empty : "<dt>改期</dt><dd><ul class=\"plain\">\(moves)</ul></dd>"
        let cancelled: HTML =
            meeting.cancellationReason.isEmpty ? .empty : "<dt>取消原因</dt><dd>\(meeting.cancellationReason)</dd>"
        return """
            <dl class="facts">
            <dt>时间</dt><dd class="meeting-time">\(span(meeting))</dd>
            \(place)\(call)
            <dt>议题</dt><dd>\(meeting.agenda)</dd>
            <dt>邀请单位</dt><dd>\(meeting.invitedUnits.map(units.name).joined(separator: "、"))</dd>
            <dt>安排人</dt><dd>\(meeting.scheduledBy)</dd>
            \(moved)\(cancelled)
            </dl>
            """
    }

    /// The coordination service's conflicts of a pending meeting: each other pending meeting that
    /// overlaps it and invites one of the same units (`MeetingConflict` in the domain).
    static func conflicts(_ conflicts: [Wire.ConflictingMeeting], units: UnitNames) -> HTML {
        guard !conflicts.isEmpty else { return .empty }
        var items: [HTML] = []
        for conflict in conflicts {
            let caseID = CoordinationCase.parse(conflict.meetingId, kind: "meeting")?.caseID ?? conflict.caseId
            let number = CoordinationCase.parse(conflict.meetingId, kind: "meeting")?.number ?? 0
            let when = MeetingText.span(
                Wire.MeetingView(startsAtUnixMs: conflict.startsAtUnixMs, endsAtUnixMs: conflict.endsAtUnixMs))
            items.append(
                """
                <li><a href="/coordination/\(caseID)#meeting-\(number)">\(caseID) 第 \(number) 次会议</a> \(when)，\
                同时邀请：\(conflict.units.map(units.name).joined(separator: "、"))</li>
                """)
        }
        return """
            <div class="conflict" role="note"><strong>时间冲突</strong>：以下会议与本次会议时间重叠，且邀请了相同单位。<ul>\(items)</ul></div>
            """
    }
}
