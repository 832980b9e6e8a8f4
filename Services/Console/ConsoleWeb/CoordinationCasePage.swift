import Domain
import RPC
import WireProtocol

/// One coordination case: its order, units, meetings (time, place, who was invited and came, the
/// minutes, conflicts with other meetings), action items, the compiled result and the case's log,
/// with the forms of the steps the person may take now.
enum CoordinationCasePage {
    static func page(
        staff: SignedInStaff, case response: Wire.GetCaseResponse, order: Result<Wire.WorkOrderView, RPCError>,
        units: UnitNames, now: Int64,
        flash: Flash?
    ) -> HTML {
        let view = response.coordinationCase ?? Wire.CoordinationCaseView()
        let state = CoordinationCase.State(rawValue: view.state)
        let scheduling: HTML =
            CoordinationAccess.offers(.scheduleMeeting, on: view, staff: staff)
            ? afterCompilation(view, "<h3>安排会议</h3>\(CoordinationStepForms.schedule(view, staff: staff, units: units))")
            : .empty
        let body: HTML = """
            <p class="crumbs"><a href="/coordination">协调会商</a> › <a href="/coordination/calendar">会议日历</a></p>
            <h1>协调案件 \(view.id) <span id="case-state" class="state">\(state?.label ?? view.state)</span></h1>
            \(facts(view, order: order, units: units))
            <h2>协调会议（\(view.meetings.count)）</h2>
            \(meetings(view, staff: staff, units: units, now: now))
            \(scheduling)
            <h2>落实事项（\(view.actionItems.count)）</h2>
            \(actionItems(view, staff: staff, units: units))
            <h2>汇总结果</h2>
            \(compilation(view, staff: staff))
            \(CoordinationAccess.offers(.cancel, on: view, staff: staff) ? "<details class=\"more\"><summary>撤销协调…</summary>\(CoordinationStepForms.cancel(view, staff: staff))</details>" as HTML : .empty)
            <h2>协调记录</h2>
            \(log(response.events, units: units))
            """
        return PageLayout.page(title: "协调案件 \(view.id)", staff: staff, flash: flash, body: body)
    }

    private static func facts(
        _ view: Wire.CoordinationCaseView, order: Result<Wire.WorkOrderView, RPCError>, units: UnitNames
    ) -> HTML {
        let number = view.platformOrderNumber.isEmpty ? view.orderId : view.platformOrderNumber
        let orderLine: HTML
        switch order {
        case .success(let order):
            let state = WorkOrder.State(rawValue: order.state)?.label ?? order.state
            orderLine =
                "<a id=\"case-order\" href=\"/orders/\(view.orderId)\">\(number)</a>（\(state)）<br><span class=\"muted\">\(String(order.content.prefix(60)))</span>"
        case .failure(let error):
            orderLine =
                "<a id=\"case-order\" href=\"/orders/\(view.orderId)\">\(number)</a> <span class=\"muted\">工单详情未显示：\(RefusalText.message(error))</span>"
        }
        let mode = WorkOrder.HandlingMode(rawValue: view.handlingMode)?.label ?? view.handlingMode
        let track =
            view.track == WorkOrder.Track.regular.rawValue
            ? "" : " · " + (WorkOrder.Track(rawValue: view.track)?.label ?? view.track)
        let instruction: HTML =
            view.instruction.isEmpty && view.instructingLeader.isEmpty
            ? .empty : "<dt>领导批示</dt><dd>\(view.instructingLeader)：\(view.instruction)</dd>"
        let cancelled: HTML =
            view.cancellationReason.isEmpty ? .empty : "<dt>撤销原因</dt><dd>\(view.cancellationReason)</dd>"
        let overdue: HTML =
            view.overdueItems > 0 ? "<dt>逾期事项</dt><dd class=\"overdue\">\(view.overdueItems) 项</dd>" : .empty
        return """
            <dl class="facts">
            <dt>工单</dt><dd>\(orderLine)</dd>
            <dt>办理方式</dt><dd>\(mode)\(track)</dd>
            <dt>牵头单位</dt><dd>\(units.name(view.leadUnit))</dd>
            <dt>参与单位</dt><dd>\(view.participatingUnits.isEmpty ? "无" : view.participatingUnits.map(units.name).joined(separator: "、"))</dd>
            <dt>协调人</dt><dd>\(view.coordinator)</dd>
            \(instruction)
            <dt>立案</dt><dd>\(PageLayout.time(view.openedAtUnixMs)) · \(view.openedBy)</dd>
            \(overdue)\(cancelled)
            </dl>
            """
    }

    private static func meetings(_ view: Wire.CoordinationCaseView, staff: SignedInStaff, units: UnitNames, now: Int64)
        -> HTML
    {
        guard !view.meetings.isEmpty else { return "<p class=\"muted\">尚未安排会议。</p>" }
        var blocks: [HTML] = []
        for meeting in view.meetings {
            blocks.append(
                """
                <article class="meeting" id="meeting-\(meeting.number)" data-meeting="\(meeting.number)" data-state="\(meeting.state)">
                <h3>第 \(meeting.number) 次会议 <span class="state">\(Meeting.State(rawValue: meeting.state)?.label ?? meeting.state)</span></h3>
                \(MeetingText.details(meeting, units: units))
                \(MeetingText.conflicts(meeting.conflicts, units: units))
                \(attendance(meeting, units: units))
                \(minutes(meeting))
                \(meetingForms(meeting, case: view, staff: staff, units: units, now: now))
                </article>
                """)
        }
        return "\(blocks)"
    }

    private static func attendance(_ meeting: Wire.MeetingView, units: UnitNames) -> HTML {
        guard !meeting.attendance.isEmpty else { return .empty }
        var rows: [HTML] = []
        for entry in meeting.attendance {
            rows.append(
                "<tr><td>\(units.name(entry.unit))</td><td>\(entry.present ? "出席" : "缺席")</td><td>\(entry.attendees.joined(separator: "、"))</td><td>\(entry.note)</td></tr>"
            )
        }
        return """
            <div class="scroll"><table class="attendance"><thead><tr><th>单位</th><th>出席</th><th>人员</th><th>备注</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    private static func minutes(_ meeting: Wire.MeetingView) -> HTML {
        guard !meeting.minutes.isEmpty else { return .empty }
        var decisions: [HTML] = []
        for decision in meeting.decisions { decisions.append("<li>\(decision)</li>") }
        return
            "<h4>会议纪要</h4><p class=\"content minutes\">\(meeting.minutes)</p><h4>议定事项</h4><ol class=\"decisions\">\(decisions)</ol>"
    }

    /// The forms of one meeting: move or call off a pending one; record who came once it has
    /// begun (or correct it later); the minutes and action items of a held one.
    private static func meetingForms(
        _ meeting: Wire.MeetingView, case view: Wire.CoordinationCaseView, staff: SignedInStaff, units: UnitNames,
        now: Int64
    ) -> HTML {
        var forms: [HTML] = []
        // Corrections and changes are the exception: folded away until asked for.
        var changes: [HTML] = []
        func offered(_ kind: CoordinationAction.Kind, _ action: Meeting.Action) -> Bool {
            CoordinationAccess.meeting(meeting.state, allows: action)
                && CoordinationAccess.offers(kind, on: view, staff: staff)
        }
        let held = meeting.state == Meeting.State.held.rawValue
        if offered(.recordAttendance, .recordAttendance) && (held || meeting.startsAtUnixMs <= now) {
            let form = CoordinationStepForms.attendance(meeting, case: view, staff: staff, units: units)
            if held { changes.append(form) } else { forms.append(form) }
        }
        if offered(.recordMinutes, .recordMinutes) {
            let form = CoordinationStepForms.minutes(meeting, case: view, staff: staff)
            if meeting.minutes.isEmpty { forms.append(form) } else { changes.append(form) }
        }
        if held && CoordinationAccess.offers(.addActionItem, on: view, staff: staff) {
            forms.append(
                afterCompilation(
                    view, CoordinationStepForms.addActionItem(meeting, case: view, staff: staff, units: units)))
        }
        if offered(.rescheduleMeeting, .reschedule) {
            changes.append(CoordinationStepForms.reschedule(meeting, case: view, staff: staff))
        }
        if offered(.cancelMeeting, .cancel) {
            changes.append(CoordinationStepForms.cancelMeeting(meeting, case: view, staff: staff))
        }
        let folded: HTML =
            changes.isEmpty
            ? .empty
            : "<details class=\"more\"><summary>\(held ? "更正出席情况或纪要" : "改期或取消本次会议")</summary><div class=\"actions\">\(changes)</div></details>"
        guard !forms.isEmpty || !changes.isEmpty else { return .empty }
        return "\(forms.isEmpty ? HTML.empty : "<div class=\"actions\">\(forms)</div>")\(folded)"
    }

    private static func actionItems(_ view: Wire.CoordinationCaseView, staff: SignedInStaff, units: UnitNames) -> HTML {
        guard !view.actionItems.isEmpty else { return "<p class=\"muted\">尚无落实事项（会议召开后交办）。</p>" }
        var rows: [HTML] = []
        var forms: [HTML] = []
        for item in view.actionItems {
            let state = ActionItem.State(rawValue: item.state)?.label ?? item.state
            let due: HTML = "\(item.dueDay)（\(item.dueWorkingDays) 个工作日\(item.dueProvisional ? "，暂定" : "")）"
            let outcome: HTML =
                item.outcome.isEmpty
                ? .empty
                : "\(item.outcome)<br><span class=\"muted\">\(item.completedBy) \(PageLayout.time(item.completedAtUnixMs))</span>"
            rows.append(
                """
                <tr data-item="\(item.number)" data-state="\(item.state)"><td>\(item.number)</td><td>\(item.what)<br><span class="muted">第 \(CoordinationCase.parse(item.meetingId, kind: "meeting")?.number ?? 0) 次会议</span></td>\
                <td>\(units.name(item.ownerUnit))</td><td class="\(item.overdue ? "overdue" : "")">\(due)\(item.overdue ? "，已逾期" : "")</td><td>\(state)</td><td>\(outcome)</td></tr>
                """)
            if item.state == ActionItem.State.open.rawValue
                && CoordinationAccess.offers(.completeActionItem, on: view, staff: staff, owners: [item.ownerUnit])
            {
                forms.append(CoordinationStepForms.completeActionItem(item, case: view, staff: staff))
            }
        }
        return """
            <div class="scroll"><table id="action-items"><thead><tr><th>#</th><th>事项</th><th>责任单位</th><th>期限</th><th>状态</th><th>结果</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(forms.isEmpty ? HTML.empty : "<div class=\"actions\">\(forms)</div>")
            """
    }

    private static func compilation(_ view: Wire.CoordinationCaseView, staff: SignedInStaff) -> HTML {
        var parts: [HTML] = []
        if !view.compiledText.isEmpty {
            let result = WorkOrder.ResultCode(rawValue: view.resultCode)?.label ?? view.resultCode
            parts.append(
                """
                <p>结果：\(result) · \(view.compiledBy) \(PageLayout.time(view.compiledAtUnixMs)) · 答复稿：\(delivery(view))</p>
                <p class="content" id="compiled-text">\(view.compiledText)</p>
                """)
        }
        if CoordinationAccess.offers(.compile, on: view, staff: staff) {
            parts.append(afterCompilation(view, CoordinationStepForms.compile(view, staff: staff)))
        } else if view.compiledText.isEmpty {
            parts.append("<p class=\"muted\">会议均已召开并记录纪要、落实事项全部办结后，由牵头单位联络员汇总，汇总结果作为工单的答复稿。</p>")
        }
        return "\(parts)"
    }

    /// Where the compiled reply stands in intake.
    private static func delivery(_ view: Wire.CoordinationCaseView) -> HTML {
        switch view.replyDelivery {
        case "pending": "正在送交工单"
        case "delivered": "已送交工单，待局办公室审核"
        case "rejected": "<span class=\"overdue\">工单未接受：\(view.replyError)</span>"
        default: "\(view.replyDelivery)"
        }
    }

    /// A compiled case takes further meetings, items and a new compilation only when its reply was
    /// sent back (重办): those forms are folded away until then, so the page reads as finished.
    private static func afterCompilation(_ view: Wire.CoordinationCaseView, _ form: HTML) -> HTML {
        guard view.state == CoordinationCase.State.compiled.rawValue else { return form }
        return "<details class=\"more\"><summary>答复被退回重办时使用</summary>\(form)</details>"
    }

    /// The meeting or item an entry of the log acted on, as people count them.
    static func subjectText(_ subject: String) -> String? {
        if let meeting = CoordinationCase.parse(subject, kind: "meeting") { return "第 \(meeting.number) 次会议" }
        if let item = CoordinationCase.parse(subject, kind: "action") { return "事项 \(item.number)" }
        return nil
    }

    private static func log(_ events: [Wire.CaseEvent], units: UnitNames) -> HTML {
        var rows: [HTML] = []
        for event in events {
            let action = CoordinationAction.Kind(rawValue: event.action)?.label ?? event.action
            // A compilation's reason is its result code.
            let reason =
                event.action == CoordinationAction.Kind.compile.rawValue
                ? WorkOrder.ResultCode(rawValue: event.reason)?.label ?? event.reason : event.reason
            let subject: HTML = subjectText(event.subject).map { "<br><span class=\"muted\">\($0)</span>" } ?? .empty
            let role = Role(rawValue: event.role)?.label ?? event.role
            let state = CoordinationCase.State(rawValue: event.toState)?.label ?? event.toState
            rows.append(
                """
                <tr><td>\(PageLayout.time(event.atUnixMs))</td><td>\(action)\(subject)</td><td>\(event.actorId)<br><span class="muted">\(role)\(event.unit.isEmpty ? "" : " · " + units.name(event.unit))</span></td><td>\(state)</td><td>\(reason)</td></tr>
                """)
        }
        return """
            <div class="scroll"><table class="timeline"><thead><tr><th>时间</th><th>操作</th><th>操作人</th><th>状态</th><th>说明</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }
}
