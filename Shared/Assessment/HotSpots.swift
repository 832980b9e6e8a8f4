/// What callers are raising more often (数据分析): topics and keywords rising week on week, the
/// callers and enterprises that keep calling, and the orders that keep coming back.
public struct HotSpots: Sendable, Hashable, Codable {
    /// A topic or keyword counted in the last seven days of the period and the seven before.
    public struct Trend: Sendable, Hashable, Codable {
        public var name: String
        public var thisWeek: Int
        public var lastWeek: Int
        public var rising: Bool

        public init(name: String, thisWeek: Int, lastWeek: Int, rising: Bool) {
            self.name = name
            self.thisWeek = thisWeek
            self.lastWeek = lastWeek
            self.rising = rising
        }
    }

    /// When a count is called rising: at least `minimumCount` this week and at least `growth`
    /// times last week's.
    public struct Rules: Sendable, Hashable, Codable {
        public var minimumCount = 3
        public var growth = 1.5
        public var repeatedDemandMinimum = 2
        public var recurringReopenMinimum = 2
        public var listLimit = 20

        public init() {}

        public func isRising(thisWeek: Int, lastWeek: Int) -> Bool {
            thisWeek >= minimumCount && Double(thisWeek) >= growth * Double(lastWeek) && thisWeek > lastWeek
        }
    }

    public var topics: [Trend]
    public var keywords: [Trend]
    /// Callers' phone numbers are masked (138****5678): the report travels by mail and paper.
    public var repeatedCallers: [RepeatedDemand]
    public var repeatedEnterprises: [RepeatedDemand]
    public var recurringOrders: [OrderReference]

    public init(
        topics: [Trend], keywords: [Trend], repeatedCallers: [RepeatedDemand], repeatedEnterprises: [RepeatedDemand],
        recurringOrders: [OrderReference]
    ) {
        self.topics = topics
        self.keywords = keywords
        self.repeatedCallers = repeatedCallers
        self.repeatedEnterprises = repeatedEnterprises
        self.recurringOrders = recurringOrders
    }
}
