extension WorkOrder.Urgency {
    /// The Chinese name staff read (紧急, 一般).
    public var label: String {
        switch self {
        case .urgent: "紧急"
        case .normal: "一般"
        }
    }
}

extension WorkOrder.Kind {
    /// The Chinese name staff read (咨询, 投诉, …).
    public var label: String {
        switch self {
        case .consultation: "咨询"
        case .complaint: "投诉"
        case .report: "举报"
        case .suggestion: "建议"
        case .help: "求助"
        }
    }
}

extension WorkOrder.Topic {
    /// The Chinese name staff read (拖欠工资, 养老保险, …).
    public var label: String {
        switch self {
        case .wageArrears: "拖欠工资"
        case .pension: "养老保险"
        case .unemploymentInsurance: "失业保险"
        case .workInjury: "工伤保险"
        case .employment: "就业"
        case .training: "职业培训"
        case .talent: "人才"
        case .laborInspection: "劳动监察"
        case .mediationArbitration: "调解仲裁"
        case .businessEnvironment: "营商环境"
        case .other: "其他"
        }
    }
}

extension WorkOrder.State {
    /// The Chinese name staff read (待签收, 办理中, …).
    public var label: String {
        switch self {
        case .received: "待派单"
        case .answeredFromKnowledgeBase: "知识库答复待审核"
        case .assignedPendingAck: "待签收"
        case .acknowledged: "已签收"
        case .instructed: "已交办"
        case .inProgress: "办理中"
        case .extensionRequested: "延期申请中"
        case .replyDrafted: "待审核"
        case .reviewed: "已审核"
        case .repliedToPlatform: "已反馈"
        case .awaitingCallback: "待回访"
        case .closed: "已办结"
        case .returnRequested: "退单申请中"
        case .returned: "已退单"
        case .merged: "已并单"
        }
    }
}

extension WorkOrder.Channel {
    public var label: String {
        switch self {
        case .hotline12345: "12345"
        case .hotline12333: "12333"
        }
    }
}

extension WorkOrder.Track {
    public var label: String {
        switch self {
        case .regular: "常规"
        case .keyEnterprise: "重点企业"
        case .greenChannel: "绿色通道"
        }
    }
}

extension WorkOrder.HandlingMode {
    /// The notice's names of the five modes (即时办理, 即时批办, …).
    public var label: String {
        switch self {
        case .immediateAnswer: "即时办理"
        case .leaderInstruction: "即时批办"
        case .transfer: "即时转办"
        case .jointHandling: "即时协办"
        case .specialCase: "专事专办"
        }
    }
}

extension WorkOrder.ResultCode {
    public var label: String {
        switch self {
        case .solved: "已解决"
        case .partlySolved: "部分解决"
        case .unsolved: "未解决"
        }
    }
}

extension WorkOrder.CallbackOutcome {
    public var label: String {
        switch self {
        case .satisfied: "满意"
        case .basicallySatisfied: "基本满意"
        case .dissatisfied: "不满意"
        case .unreachable: "联系不上"
        }
    }
}

extension WorkOrderAction.Kind {
    /// The Chinese name of the step, as buttons and the timeline say it.
    public var label: String {
        switch self {
        case .assign: "派单"
        case .answerFromKnowledgeBase: "知识库答复"
        case .acknowledge: "签收"
        case .instruct: "交办意见/批示"
        case .start: "开始办理"
        case .requestExtension: "申请延期"
        case .approveExtension: "同意延期"
        case .denyExtension: "不同意延期"
        case .draftReply: "答复"
        case .review: "审核"
        case .sendToPlatform: "反馈平台"
        case .platformReview: "平台审核"
        case .recordCallback: "回访"
        case .close: "办结"
        case .requestReturn: "申请退单"
        case .decideReturn: "退单审核"
        case .reopen: "重办"
        case .classifyGreenChannel: "绿色通道定级"
        case .merge: "并单"
        case .unmerge: "取消并单"
        case .urge: "催办"
        case .supervise: "督办"
        }
    }
}

extension Role {
    /// The post's Chinese name (联络员, 部门负责人, …).
    public var label: String {
        switch self {
        case .platform: "12345平台"
        case .bureauDesk: "局办公室（值班）"
        case .liaison: "联络员"
        case .unitLeader: "部门负责人"
        case .deputyLeader: "分管领导"
        case .enterpriseHelpLiaison: "助企联络员"
        case .taskForce: "营商环境专班"
        case .system: "系统"
        case .administrator: "系统管理员"
        case .bureauLeader: "局领导"
        }
    }
}
