public import Domain
public import Foundation

/// The assessment of one period: what `subanctl report` prints in every format, and what the
/// daily digest is cut from. A plain document, versioned, so that it can cross the wire as JSON.
public struct AssessmentReport: Sendable, Hashable, Codable {
    public static let currentVersion = 1

    public var version = AssessmentReport.currentVersion
    public var period: ReportPeriod
    public var previousPeriod: ReportPeriod
    /// Facts up to this instant count; a running period is reported as of now.
    public var asOf: Date
    public var scheme: PointsScheme
    /// The labels of the trend buckets: days, or ISO weeks for periods over 62 days.
    public var buckets: [String]
    /// The whole bureau (unit code `bureau`), unranked.
    public var bureau: UnitReport
    /// The units, by rank.
    public var units: [UnitReport]
    /// Orders received per topic and bucket.
    public var topicTrend: [Series]
    public var hotSpots: HotSpots

    public init(
        period: ReportPeriod, previousPeriod: ReportPeriod, asOf: Date, scheme: PointsScheme, buckets: [String],
        bureau: UnitReport, units: [UnitReport], topicTrend: [Series], hotSpots: HotSpots
    ) {
        self.period = period
        self.previousPeriod = previousPeriod
        self.asOf = asOf
        self.scheme = scheme
        self.buckets = buckets
        self.bureau = bureau
        self.units = units
        self.topicTrend = topicTrend
        self.hotSpots = hotSpots
    }

    /// A named row of numbers, one per bucket.
    public struct Series: Sendable, Hashable, Codable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// One unit's figures, score and the orders behind its deductions.
    public struct UnitReport: Sendable, Hashable, Codable {
        public var unit: String
        public var name: String
        public var figures: UnitFigures
        /// Orders received by channel, urgency, kind and topic (raw values as keys).
        public var receivedBy: [String: [String: Int]]
        public var points: Double
        public var score: Double
        public var previousScore: Double
        public var rank: Int
        public var previousRank: Int
        /// Below the scheme's threshold: to be called in (约谈).
        public var flagged: Bool
        /// Orders received per bucket.
        public var receivedTrend: [Double]
        /// The running score at the end of each day of the period.
        public var dailyScores: [DailyScore]
        /// The facts that cost points, oldest first; in a report of all units only the latest
        /// ``Settings/deductionLimit`` (a report of one unit lists every one).
        public var deductions: [Deduction]
        public var deductionCount: Int
        public var overdueOrders: [OrderReference]

        public var change: Double { score - previousScore }
    }

    public struct DailyScore: Sendable, Hashable, Codable {
        public var day: LocalDate
        public var points: Double
        public var score: Double
    }

    /// One fact that cost a unit points, with its order.
    public struct Deduction: Sendable, Hashable, Codable {
        public var orderID: String
        public var platformOrderNumber: String
        public var fact: OrderFact.Kind
        public var title: String
        public var at: Date
        public var points: Double
    }
}
