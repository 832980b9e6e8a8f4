import Domain
import WireProtocol

/// The step forms of a case page, each shown only when the case's state allows the step and one of
/// the person's roles may take it (``CoordinationAccess``). Every form posts to
/// `/coordination/<case id>/steps` with its step's wire name and, for a meeting or an item, its number.
enum CoordinationStepForms {
    static func form(
        _ kind: CoordinationAction.Kind, case view: Wire.CoordinationCaseView, staff: SignedInStaff,
        meeting: UInt32? = nil,
        item: UInt32? = nil, title: String? = nil, fields: HTML
    ) -> HTML {
        let heading: HTML = title.map { "<h4 class=\"form-title\">\($0)</h4>" } ?? .empty
        let meetingField: HTML = meeting.map { "<input type=\"hidden\" name=\"meeting\" value=\"\($0)\">" } ?? .empty
        let itemField: HTML = item.map { "<input type=\"hidden\" name=\"item\" value=\"\($0)\">" } ?? .empty
        let subject: HTML = meeting.map { " data-meeting=\"\($0)\"" } ?? item.map { " data-item=\"\($0)\"" } ?? .empty
        return """
            <form method="post" action="/coordination/\(view.id)/steps" class="action-form stack" data-step="\(kind.rawValue)"\(subject)>
            \(PageLayout.csrfField(staff))<input type="hidden" name="step" value="\(kind.rawValue)">\(meetingField)\(itemField)
            \(heading)\(fields)
            <button type="submit">\(kind.label)</button>
            </form>
            """
    }

    /// 安排会议: when, how long, where (a room, a call link or both), what about, and who; the
    /// case's units are invited unless unticked, others may be added.
    static func schedule(_ view: Wire.CoordinationCaseView, staff: SignedInStaff, units: UnitNames) -> HTML {
        let caseUnits = [view.leadUnit] + view.participatingUnits
        var own: [HTML] = []
        for unit in caseUnits {
            // The lead unit is always invited (the domain adds it); its box is shown ticked and fixed.
            let fixed: HTML = unit == view.leadUnit ? " disabled" : ""
            own.append(
                "<label><input type=\"checkbox\" name=\"invited_units\" value=\"\(unit)\" checked\(fixed)> \(units.name(unit))\(unit == view.leadUnit ? "（牵头）" : "")</label>"
            )
        }
        var others: [HTML] = []
        for unit in units.units where unit.active && unit.level != "desk" && !caseUnits.contains(unit.code) {
            others.append(
                "<label><input type=\"checkbox\" name=\"invited_units\" value=\"\(unit.code)\"> \(unit.name)</label>")
        }
        let more: HTML =
            others.isEmpty
            ? .empty : "<details><summary>邀请其他单位</summary><div class=\"choices\">\(others)</div></details>"
        return form(
            .scheduleMeeting, case: view, staff: staff,
            fields: """
                \(slotFields())
                \(FormControls.input("place", label: "地点", extra: " maxlength=\"200\" placeholder=\"例如：局三楼会议室\""))
                \(FormControls.input("call_link", label: "线上会议（链接或会议号，可不填）", extra: " maxlength=\"500\""))
                \(FormControls.textarea("agenda", label: "议题", required: true))
                <fieldset><legend>邀请单位</legend><div class="choices">\(own)</div>\(more)</fieldset>
                """)
    }

    static func reschedule(_ meeting: Wire.MeetingView, case view: Wire.CoordinationCaseView, staff: SignedInStaff)
        -> HTML
    {
        form(
            .rescheduleMeeting, case: view, staff: staff, meeting: meeting.number, title: "改到其他时间",
            fields: """
                \(slotFields())
                \(FormControls.input("place", label: "新地点（不变可不填）", extra: " maxlength=\"200\""))
                \(FormControls.textarea("reason", label: "改期原因", required: true))
                """)
    }

    static func cancelMeeting(_ meeting: Wire.MeetingView, case view: Wire.CoordinationCaseView, staff: SignedInStaff)
        -> HTML
    {
        form(
            .cancelMeeting, case: view, staff: staff, meeting: meeting.number, title: "取消本次会议",
            fields: FormControls.textarea("reason", label: "取消原因", required: true))
    }

    /// One row an invited unit: came or not, who came, a note (why absent).
    static func attendance(
        _ meeting: Wire.MeetingView, case view: Wire.CoordinationCaseView, staff: SignedInStaff, units: UnitNames
    ) -> HTML {
        var rows: [HTML] = []
        for unit in meeting.invitedUnits {
            let recorded = meeting.attendance.first { $0.unit == unit }
            let mark: HTML = recorded.map { $0.present } ?? true ? " checked" : ""
            rows.append(
                """
                <fieldset class="attendee"><legend>\(units.name(unit))</legend>
                <label class="inline-choice"><input type="checkbox" name="present" value="\(unit)"\(mark)> 出席</label>
                \(FormControls.input("attendees.\(unit)", label: "出席人员（用顿号分隔）", value: recorded?.attendees.joined(separator: "、") ?? ""))
                \(FormControls.input("note.\(unit)", label: "备注（如缺席原因）", value: recorded?.note ?? ""))
                </fieldset>
                """)
        }
        return form(
            .recordAttendance, case: view, staff: staff, meeting: meeting.number, title: "会后登记出席情况", fields: "\(rows)")
    }

    static func minutes(_ meeting: Wire.MeetingView, case view: Wire.CoordinationCaseView, staff: SignedInStaff) -> HTML
    {
        form(
            .recordMinutes, case: view, staff: staff, meeting: meeting.number, title: "会议纪要与议定事项",
            fields: """
                \(FormControls.textarea("minutes", label: "会议纪要", required: true, value: meeting.minutes))
                \(FormControls.textarea("decisions", label: "议定事项（每行一项）", required: true, value: meeting.decisions.joined(separator: "\n")))
                """)
    }

    static func addActionItem(
        _ meeting: Wire.MeetingView, case view: Wire.CoordinationCaseView, staff: SignedInStaff, units: UnitNames
    ) -> HTML {
        var owners: [String] = [view.leadUnit] + view.participatingUnits
        for unit in meeting.invitedUnits where !owners.contains(unit) { owners.append(unit) }
        return form(
            .addActionItem, case: view, staff: staff, meeting: meeting.number, title: "交办落实事项",
            fields: """
                \(FormControls.select("owner_unit", label: "责任单位", options: owners.map { ($0, units.name($0)) }, anyLabel: nil))
                \(FormControls.textarea("what", label: "事项内容", required: true))
                \(FormControls.input("due_working_days", label: "办理期限（会议后工作日数）", type: "number", value: "5", required: true, extra: " min=\"1\" max=\"\(ActionItem.maximumWorkingDays)\""))
                """)
    }

    static func completeActionItem(
        _ item: Wire.ActionItemView, case view: Wire.CoordinationCaseView, staff: SignedInStaff
    ) -> HTML {
        form(
            .completeActionItem, case: view, staff: staff, item: item.number,
            title: "事项 \(item.number) 办结：\(item.what)",
            fields: """
                \(FormControls.textarea("outcome", label: "办理结果", required: true))
                """)
    }

    static func compile(_ view: Wire.CoordinationCaseView, staff: SignedInStaff) -> HTML {
        form(
            .compile, case: view, staff: staff, title: "汇总协调结果",
            fields: """
                \(FormControls.select("result_code", label: "办理结果", options: WorkOrder.ResultCode.allCases.map { ($0.rawValue, $0.label) }, anyLabel: nil))
                \(FormControls.textarea("summary", label: "牵头单位意见（置于议定事项和落实情况之前，可不填）"))
                <p class="muted">汇总后的文字作为工单的答复稿交局办公室审核。</p>
                """)
    }

    static func cancel(_ view: Wire.CoordinationCaseView, staff: SignedInStaff) -> HTML {
        form(.cancel, case: view, staff: staff, fields: FormControls.textarea("reason", label: "撤销原因", required: true))
    }

    /// When (Beijing time) and for how long.
    private static func slotFields() -> HTML {
        """
        \(FormControls.input("starts_at", label: "开始时间", type: "datetime-local", required: true))
        \(FormControls.select("duration_minutes", label: "时长", options: CoordinationStepForm.durations.map { (String($0), duration($0)) }, selected: "60", anyLabel: nil))
        """
    }

    static func duration(_ minutes: Int) -> String {
        minutes < 60
            ? "\(minutes) 分钟" : minutes % 60 == 0 ? "\(minutes / 60) 小时" : "\(minutes / 60) 小时 \(minutes % 60) 分钟"
    }
}
