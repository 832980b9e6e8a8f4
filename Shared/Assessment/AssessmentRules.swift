public import Domain
public import Foundation

/// What deriving facts needs besides the log: the acknowledgement spans, the working-day
/// calendar, the hot-spot keywords, and which unit answers for orders no unit holds.
public struct AssessmentRules: Sendable {
    public var acknowledgeMinutes: @Sendable (WorkOrder.Urgency, WorkOrder.Kind) -> Int
    public var calendar: WorkingDayCalendar
    /// Keywords looked for in every order's content; changing them means rebuilding the facts.
    public var keywords: [String] {
        didSet { keywordSearch = KeywordSearch(keywords) }
    }
    private(set) var keywordSearch: KeywordSearch
    /// The unit that counts orders no unit holds (answered from the knowledge base, not yet assigned).
    public var deskUnit: String

    public init(
        policies: DeadlinePolicySet = .shippedDefault,
        calendar: WorkingDayCalendar = .shipped,
        keywords: [String] = AssessmentRules.shippedKeywords,
        deskUnit: String = "office"
    ) {
        acknowledgeMinutes = { urgency, kind in
            if case .minutes(let minutes) = policies.policy(for: .acknowledge, urgency: urgency, orderKind: kind).due {
                return minutes
            }
            return urgency == .urgent ? 30 : 240
        }
        self.calendar = calendar
        self.keywords = keywords
        self.keywordSearch = KeywordSearch(keywords)
        self.deskUnit = deskUnit
    }

    /// Working days from `start`'s day to `end`'s day, the first day not counted (民法典 §201):
    /// a reply on the day of dispatch took 0 working days.
    public func workingDays(from start: Date, to end: Date) -> Int {
        let first = LocalDate(containing: start)
        let last = LocalDate(containing: end)
        guard first < last, let next = first.adding(days: 1) else { return 0 }
        return calendar.countWorkingDays(in: next...last)
    }

    /// Terms callers use for the bureau's business, for the week-on-week hot-spot count. A first
    /// list from the topics of the notice and the shipped routing rules; the administrator may
    /// replace it (`SUBAN_ASSESSMENT_KEYWORDS_FILE`).
    public static let shippedKeywords = [
        "拖欠工资", "欠薪", "农民工", "工程款", "加班费", "经济补偿", "劳动合同", "辞退", "试用期",
        "养老金", "退休", "养老保险", "社保卡", "社保缴费", "断缴", "转移接续", "失业金", "失业保险金",
        "稳岗返还", "工伤认定", "工伤", "劳动能力鉴定", "劳动仲裁", "调解", "就业补贴", "创业担保贷款",
        "灵活就业", "职业培训", "技能补贴", "职业技能等级", "职称", "人才引进", "档案", "招聘", "高温补贴",
    ]
}
