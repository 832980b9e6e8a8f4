import Domain
import RPC
import WireProtocol

// The 协调会商 part of a joint-handling (or green-channel) order's page: its case, or the form that
// opens one for those who may.
extension OrderPage {
    static func coordinationSection(
        _ found: Result<Wire.CoordinationCaseView?, RPCError>, order: Wire.WorkOrderView, staff: SignedInStaff,
        units: UnitNames
    ) -> HTML {
        let view: Wire.CoordinationCaseView?
        switch found {
        case .success(let read): view = read
        case .failure(let error):
            return "<h2>协调会商</h2><p class=\"flash flash-error\">协调案件未显示：\(RefusalText.message(error))</p>"
        }
        var parts: [HTML] = []
        let joint = order.handlingMode == WorkOrder.HandlingMode.jointHandling.rawValue
        if let view {
            let state = CoordinationCase.State(rawValue: view.state)
            let next: HTML = CoordinationListPage.nextMeeting(view).map { "；下次会议 \(MeetingText.span($0))" } ?? .empty
            parts.append(
                """
                <p id="order-case">协调案件 <a href="/coordination/\(view.id)">\(view.id)</a> \
                <span class="state">\(state?.label ?? view.state)</span>：牵头 \(units.name(view.leadUnit))，\
                会议 \(view.meetings.count) 次，落实事项 \(view.actionItems.count) 项\(next)</p>
                """)
        }
        // A compiled case takes the further meetings of a reply sent back itself (重办): only no case
        // or a cancelled one makes a new case the way on.
        let openable = view.map { $0.state == CoordinationCase.State.cancelled.rawValue } ?? true
        if openable && CoordinationAccess.mayOpen(order, staff: staff) {
            parts.append("<p>\(view == nil ? "本工单尚未立案协调。" : "可重新立案协调。")\(joint ? "即时协办须报领导批示后，指定专人协调。" : "")</p>")
            parts.append(openForm(order, staff: staff, units: units))
        } else if view == nil {
            parts.append("<p class=\"muted\">尚未立案协调（由局办公室、分管领导或牵头单位立案）。</p>")
        }
        return "<h2>协调会商</h2>\(parts)"
    }

    /// 立案协调: the coordinator (指定专人) and, for joint handling, the leader's instruction (批示);
    /// the order's own units take part, others may be brought in.
    private static func openForm(_ order: Wire.WorkOrderView, staff: SignedInStaff, units: UnitNames) -> HTML {
        var others: [HTML] = []
        for unit in units.units where unit.active && unit.level != "desk" && !order.responsibleUnits.contains(unit.code)
        {
            others.append(
                "<label><input type=\"checkbox\" name=\"participating_units\" value=\"\(unit.code)\"> \(unit.name)</label>"
            )
        }
        let joint = order.handlingMode == WorkOrder.HandlingMode.jointHandling.rawValue
        let more: HTML =
            others.isEmpty
            ? .empty : "<details><summary>增加参与单位</summary><div class=\"choices\">\(others)</div></details>"
        return """
            <form method="post" action="/orders/\(order.id)/coordination" class="action-form stack" data-step="open">
            \(PageLayout.csrfField(staff))
            <p class="muted">牵头单位：\(units.name(order.responsibleUnits.first ?? ""))；参与：\(order.responsibleUnits.dropFirst().map(units.name).joined(separator: "、"))</p>
            \(FormControls.input("coordinator", label: "协调人（指定专人）", required: true, extra: " maxlength=\"100\""))
            \(FormControls.input("instructing_leader", label: "批示领导", required: joint, extra: " maxlength=\"100\""))
            \(FormControls.textarea("instruction", label: joint ? "领导批示" : "领导批示（可不填）", required: joint))
            \(more)
            <button type="submit">\(CoordinationAction.Kind.open.label)</button>
            </form>
            """
    }
}
