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
