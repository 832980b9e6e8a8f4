import Domain
import WireProtocol

/// The action forms of an order page: the actions that apply in the order's state and that one of
/// the account's roles may take on an order of its channel. Intake decides the rest (the unit,
/// the track) and says why when it refuses.
enum OrderActionForms {
    /// The steps the account may take on `order` now. The platform's own decisions on 12345
    /// orders never come from a person here (`actingRole`).
    static func offered(_ order: Wire.WorkOrderView, staff: SignedInStaff) -> [WorkOrderAction.Kind] {
        guard let state = WorkOrder.State(rawValue: order.state) else { return [] }
        let channel = WorkOrder.Channel(rawValue: order.channel) ?? .hotline12345
        let kinds = WorkOrder.permittedActions(in: state)
            .filter { staff.actingRole(for: $0, on: channel) != nil }
            .filter { $0 != .answerFromKnowledgeBase || answersFromKnowledgeBase(order, in: state, staff: staff) }
            .filter {
                $0 != .classifyGreenChannel
                    || (order.track == WorkOrder.Track.greenChannel.rawValue && order.greenLevel.isEmpty)
            }
        // Steps first in the lifecycle's order, reminders last.
        return WorkOrderAction.Kind.allCases.filter { kinds.contains($0) && $0 != .urge && $0 != .supervise }
            + [WorkOrderAction.Kind.urge, .supervise].filter(kinds.contains)
    }

    /// A knowledge-base answer fits a consultation only: the desk's before any unit holds the
    /// order, the unit's liaison's in handling.
    private static func answersFromKnowledgeBase(
        _ order: Wire.WorkOrderView, in state: WorkOrder.State, staff: SignedInStaff
    ) -> Bool {
        guard order.kind == WorkOrder.Kind.consultation.rawValue else { return false }
        let atTheDesk = state == .received || state == .answeredFromKnowledgeBase
        return atTheDesk
            ? staff.roles.contains(.bureauDesk) : !staff.roles.isDisjoint(with: [.liaison, .enterpriseHelpLiaison])
    }

    /// `duplicates`: the order's probable duplicates by number, offered to merge into.
    static func forms(
        _ order: Wire.WorkOrderView, staff: SignedInStaff, units: UnitNames, duplicates: [Wire.OrderReference] = []
    ) -> HTML {
        let kinds = offered(order, staff: staff)
        guard !kinds.isEmpty else { return "<p class=\"muted\">此状态下您没有可进行的操作。</p>" }
        var forms: [HTML] = []
        for kind in kinds {
            forms.append(
                """
                <form method="post" action="/orders/\(order.id)/actions" class="action-form stack" data-action="\(kind.rawValue)">
                \(PageLayout.csrfField(staff))<input type="hidden" name="action" value="\(kind.rawValue)">
                \(fields(kind, order: order, units: units, duplicates: duplicates))
                <button type="submit">\(kind.label)</button>
                </form>
                """
            )
        }
        return "<div class=\"actions\">\(forms)</div>"
    }

    private static func fields(
        _ kind: WorkOrderAction.Kind, order: Wire.WorkOrderView, units: UnitNames, duplicates: [Wire.OrderReference]
    ) -> HTML {
        switch kind {
        case .instruct:
            return """
                \(FormControls.textarea("text", label: "意见", required: true))
                \(FormControls.input("circulate_to", label: "传阅（分管领导、相关科室，用顿号分隔）", extra: " maxlength=\"400\""))
                """
        case .requestExtension:
            return """
                \(FormControls.input("days", label: "延期天数（工作日）", type: "number", required: true, extra: " min=\"1\" max=\"30\""))
                \(FormControls.textarea("reason", label: "延期理由", required: true))
                \(FormControls.textarea("legal_basis", label: "法律依据", required: true, placeholder: "例如：《劳动保障监察条例》第十七条"))
                """
        case .draftReply: return replyFields(order)
        case .review:
            return "\(decision("审核结论", yes: "通过", no: "退回重办"))\(FormControls.textarea("text", label: "审核意见（退回时必填）"))"
        case .requestReturn:
            return
                "\(FormControls.textarea("reason", label: "退单理由", required: true))\(FormControls.textarea("legal_basis", label: "依据", required: true))"
        case .urge, .supervise, .reopen, .denyExtension:
            let name = kind == .reopen || kind == .denyExtension ? "reason" : "text"
            return FormControls.textarea(name, label: kind == .reopen ? "重办理由" : "说明")
        case .platformReview:
            return "\(decision("审核结论", yes: "通过", no: "退回重办"))\(FormControls.textarea("reason", label: "理由"))"
        case .decideReturn:
            return decision("退单决定", yes: "同意退单", no: "不同意")
        case .recordCallback:
            return FormControls.select(
                "callback_outcome", label: "回访结果",
                options: WorkOrder.CallbackOutcome.allCases.map { ($0.rawValue, $0.label) },
                anyLabel: nil)
        case .approveExtension:
            return FormControls.input("new_deadline", label: "批准的办理时限（日期）", type: "date", required: true)
        case .assign: return assignFields(order, units: units)
        case .answerFromKnowledgeBase:
            return """
                \(FormControls.input("article_id", label: "知识库条目编号", value: order.knowledgeBaseArticleId, required: true, extra: " maxlength=\"64\""))
                <p class="muted">答复内容取自该条目的答复及政策依据，提交后经审核方可反馈。可在<a href="/kb">知识库</a>中查找条目。</p>
                """
        case .classifyGreenChannel:
            return """
                \(FormControls.select("green_level", label: "定级", options: WorkOrder.GreenChannelLevel.allCases.map { ($0.rawValue, $0.label) }, anyLabel: nil))
                \(FormControls.textarea("reason", label: "定级理由", required: true))
                <p class="muted">一般事项当日办结；定级后改按所定时限计时（自定级时起算）。</p>
                """
        case .merge: return mergeFields(order, duplicates: duplicates)
        case .acknowledge, .start, .sendToPlatform, .close, .unmerge:
            return .empty
        }
    }

    /// 并单: the order to merge into, by its number on this order's line or its id; the probable
    /// duplicates intake found are offered as you type, by number where the line is the same.
    private static func mergeFields(_ order: Wire.WorkOrderView, duplicates: [Wire.OrderReference]) -> HTML {
        let candidates = OrderPage.duplicates(named: duplicates, of: order)
        let options: [HTML] = candidates.prefix(OrderPage.shownDuplicates).map { candidate in
            let sameLine = candidate.channel == order.channel && !candidate.platformOrderNumber.isEmpty
            let value = sameLine ? candidate.platformOrderNumber : candidate.id
            let number = candidate.platformOrderNumber.isEmpty ? "" : " \(candidate.platformOrderNumber)"
            return "<option value=\"\(value)\">疑似重复\(number)</option>"
        }
        return """
            \(FormControls.input("parent_order_id", label: "并入的工单（本热线的工单号，或工单编号 WO-…）", required: true, extra: " maxlength=\"128\" list=\"merge-candidates\""))
            <datalist id="merge-candidates">\(options)</datalist>
            <p class="muted">本单并入后不再单独办理，随并入的工单一并办理；可随时取消并单。</p>
            """
    }

    /// The yes-or-no of a decision, as the `approved` field.
    private static func decision(_ legend: String, yes: String, no: String) -> HTML {
        """
        <fieldset><legend>\(legend)</legend><div class="choices">
        <label><input type="radio" name="approved" value="true" checked> \(yes)</label>
        <label><input type="radio" name="approved" value="false"> \(no)</label></div></fieldset>
        """
    }

    private static func replyFields(_ order: Wire.WorkOrderView) -> HTML {
        let result = FormControls.select(
            "result_code", label: "办理结果", options: WorkOrder.ResultCode.allCases.map { ($0.rawValue, $0.label) },
            anyLabel: nil)
        let text = FormControls.textarea("text", label: "答复内容", required: true)
        guard order.handlingMode == WorkOrder.HandlingMode.specialCase.rawValue else { return "\(result)\(text)" }
        var options: [HTML] = []
        for standard in ClosureStandardTable.provisional.standards {
            let items = standard.requiredEvidence.enumerated().map { "\(ClosureStandard.evidenceCode(at: $0)) \($1)" }
            let payment: HTML = standard.recordsPayment ? "（须填人数、金额）" : ""
            options.append(
                "<option value=\"\(standard.code)\" data-evidence=\"\(items.joined(separator: "\n"))\">\(standard.code) \(standard.title)\(payment)</option>"
            )
        }
        return """
            \(result)\(text)
            <label>办结标准<select name="closure_standard" required><option value="">请选择</option>\(options)</select></label>
            <label>证据（每行一项：代码 名称|编号或链接；选择办结标准后自动列出各项）<textarea name="evidence" rows="4"></textarea></label>
            \(FormControls.input("workers_helped", label: "涉及劳动者人数", type: "number", extra: " min=\"0\""))
            \(FormControls.input("amount_recovered_yuan", label: "追回金额（元）", extra: " inputmode=\"decimal\""))
            """
    }

    private static func assignFields(_ order: Wire.WorkOrderView, units: UnitNames) -> HTML {
        var boxes: [HTML] = []
        for unit in units.units where unit.active && unit.level != "desk" {
            let mark: HTML = order.responsibleUnits.contains(unit.code) ? " checked" : ""
            boxes.append(
                "<label><input type=\"checkbox\" name=\"units\" value=\"\(unit.code)\"\(mark)> \(unit.name)</label>")
        }
        return """
            <fieldset><legend>承办单位（协办时第一个为牵头单位）</legend>\(boxes)</fieldset>
            \(FormControls.select("handling_mode", label: "办理方式", options: WorkOrder.HandlingMode.allCases.map { ($0.rawValue, $0.label) }, selected: order.handlingMode, anyLabel: nil))
            \(FormControls.select("track", label: "通道", options: WorkOrder.Track.allCases.map { ($0.rawValue, $0.label) }, selected: order.track, anyLabel: nil))
            """
    }
}
