// The Chinese names staff read for a coordination's states and steps, next to the work order's
// (WorkOrder+Labels.swift): every page and report says them the same way.

extension CoordinationCase.State {
    public var label: String {
        switch self {
        case .open: "已立案"
        case .meetingScheduled: "已安排会议"
        case .inProgress: "协调中"
        case .readyToCompile: "待汇总"
        case .compiled: "已汇总"
        case .cancelled: "已撤销"
        }
    }
}

extension Meeting.State {
    public var label: String {
        switch self {
        case .scheduled: "已安排"
        case .rescheduled: "已改期"
        case .held: "已召开"
        case .cancelled: "已取消"
        }
    }
}

extension ActionItem.State {
    public var label: String {
        switch self {
        case .open: "办理中"
        case .done: "已完成"
        case .cancelled: "已撤回"
        }
    }
}

extension CoordinationAction.Kind {
    /// The step as buttons and the case's log say it.
    public var label: String {
        switch self {
        case .open: "立案协调"
        case .scheduleMeeting: "安排会议"
        case .rescheduleMeeting: "会议改期"
        case .cancelMeeting: "取消会议"
        case .recordAttendance: "登记出席"
        case .recordMinutes: "记录纪要"
        case .addActionItem: "交办事项"
        case .completeActionItem: "事项办结"
        case .moveActionItemDue: "事项时限重算"
        case .compile: "汇总结果"
        case .cancel: "撤销协调"
        }
    }
}
