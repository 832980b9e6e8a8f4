extension WorkOrderTransitionError {
    /// The refusal in Chinese, as staff read it on a page or in `subanctl`: the step, the state,
    /// the post and the field by their Chinese names. ``message`` stays the English one for logs.
    public var explanation: String {
        switch code {
        case .illegalTransition(let from, let action):
            "工单当前为“\(from.label)”，不能\(action.label)"
        case .forbidden(let role, let action):
            "\(role.label)不能对此工单\(action.label)"
        case .notResponsibleUnit(_, let action):
            "本单位不是此工单的承办（牵头）单位，不能\(action.label)"
        case .missingArgument(let field):
            "请填写\(Self.fieldLabel(field))"
        case .invalidArgument(let field, _):
            "\(Self.fieldLabel(field))不符合要求"
        case .handlingModeMismatch(let mode, _):
            "办理方式“\(mode.label)”与事项不符：欠薪事项（且只有欠薪事项）按专事专办办理"
        case .notAnswerableFromKnowledgeBase:
            "只有咨询类工单可以用知识库即时答复"
        case .instructionRequired:
            "开始办理前须有部门负责人的交办意见"
        case .deputyInstructionRequired:
            "即时批办：签收后须先由分管局领导批示，之后部门负责人方可交办、承办单位方可开始办理"
        case .missingClosureStandard:
            "欠薪工单须按办结标准办结，请选择办结标准"
        case .unknownClosureStandard:
            "所选办结标准不在现行标准表中"
        case .missingEvidence(_, let missing):
            "所选办结标准缺少证据：" + missing.joined(separator: "、")
        case .closureStandardNotApplicable:
            "办结标准只适用于按专事专办办理的欠薪工单"
        case .resultContradictsStandard:
            "所选办结标准不计为“已解决”，办理结果不能选“已解决”"
        case .ownReplyReview:
            "答复须由起草人以外的人员审核，请交值班同事审核"
        case .noHandlingDeadline:
            "此工单没有办理时限，无从延期"
        case .extensionAfterDeadline:
            "延期须在办理时限届满前申请，时限已过"
        case .extensionNotLater:
            "批准的新时限须晚于现行时限"
        }
    }

    /// The Chinese name of a field a step takes (a wire field name), or the name itself.
    public static func fieldLabel(_ field: String) -> String {
        switch field {
        case "reason": "理由"
        case "basis", "legal_basis": "依据"
        case "comment": "审核意见"
        case "opinion": "交办意见或批示"
        case "text": "答复内容"
        case "article_id": "知识库条目"
        case "into": "并入的工单"
        case "units": "承办单位"
        case "mode": "办理方式"
        case "days": "延期天数"
        case "workers_helped": "涉及劳动者人数"
        case "amount_recovered": "追回金额"
        case "note": "说明"
        case "circulate_to": "传阅"
        default: field
        }
    }
}
