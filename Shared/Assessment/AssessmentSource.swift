public import Domain
public import Foundation

/// Where the report builder reads facts: the intake database in service, memory in tests. Every
/// query takes whole local days and an `asOf` instant; facts after `asOf` (deadlines not yet
/// passed) do not count.
public protocol AssessmentSource: Sendable {
    /// Facts other than keywords in the days, summed per day, unit, kind and (for labelled kinds) label.
    func tallies(_ days: ClosedRange<LocalDate>, asOf: Date) throws -> [FactTally]
    /// Orders dispatched in the days, counted per unit and dimension.
    func receivedBreakdown(_ days: ClosedRange<LocalDate>) throws -> [ReceivedCount]
    /// Orders overdue at `asOf`, once each: an overdue or late-acknowledgement fact at or before
    /// it, not yet resolved.
    func overdueNow(asOf: Date) throws -> [OrderReference]
    /// The facts of the selected kinds (with one of the labels, or any label for `nil`) in the
    /// days, one per order and fact: the orders behind deductions.
    func facts(of selection: [OrderFact.Kind: Set<String>?], in days: ClosedRange<LocalDate>, asOf: Date) throws
        -> [FactReference]
    /// Keyword mentions per day and keyword.
    func keywordCounts(_ days: ClosedRange<LocalDate>) throws -> [KeywordCount]
    /// Callers (by phone, shown masked) and enterprises (by credit code) with at least `minimum` orders in the days.
    func repeatedDemands(_ days: ClosedRange<LocalDate>, minimum: Int) throws -> [RepeatedDemand]
    /// Orders dispatched before the end of the days and reopened (重办) at least `minimum` times, most first.
    func recurringOrders(_ days: ClosedRange<LocalDate>, minimum: Int, limit: Int) throws -> [OrderReference]
}

public struct ReceivedCount: Sendable, Hashable, Codable {
    public var unit: String
    public var channel: WorkOrder.Channel
    public var urgency: WorkOrder.Urgency
    public var kind: WorkOrder.Kind
    public var topic: WorkOrder.Topic
    public var day: LocalDate
    public var count: Int

    public init(
        unit: String, channel: WorkOrder.Channel, urgency: WorkOrder.Urgency, kind: WorkOrder.Kind,
        topic: WorkOrder.Topic,
        day: LocalDate, count: Int
    ) {
        self.unit = unit
        self.channel = channel
        self.urgency = urgency
        self.kind = kind
        self.topic = topic
        self.day = day
        self.count = count
    }
}

/// An order named in a report, with what makes it worth naming.
public struct OrderReference: Sendable, Hashable, Codable {
    /// The deadline an overdue order missed first.
    public enum MissedDeadline: String, Sendable, Hashable, Codable {
        case acknowledgement
        case handling

        /// 签收时限 or 办理时限, as the report says it.
        public var label: String {
            switch self {
            case .acknowledgement: "签收时限"
            case .handling: "办理时限"
            }
        }
    }

    public var orderID: String
    public var platformOrderNumber: String
    public var unit: String
    /// Since when it is overdue, for overdue orders.
    public var since: Date?
    /// Which deadline it is overdue on, for overdue orders.
    public var missed: MissedDeadline?
    public var reopenCount: Int

    public init(
        orderID: String, platformOrderNumber: String, unit: String, since: Date? = nil, missed: MissedDeadline? = nil,
        reopenCount: Int = 0
    ) {
        self.orderID = orderID
        self.platformOrderNumber = platformOrderNumber
        self.unit = unit
        self.since = since
        self.missed = missed
        self.reopenCount = reopenCount
    }

    /// One reference an order, the deadline it missed first: an order never acknowledged is
    /// past its acknowledgement deadline before its handling one.
    public static func earliestPerOrder(_ references: [OrderReference]) -> [OrderReference] {
        var earliest: [String: OrderReference] = [:]
        for reference in references {
            if let kept = earliest[reference.orderID], (kept.since ?? .distantPast) <= (reference.since ?? .distantPast)
            {
                continue
            }
            earliest[reference.orderID] = reference
        }
        var kept = Set<String>()
        return references.filter { earliest[$0.orderID] == $0 && kept.insert($0.orderID).inserted }
    }
}

public struct FactReference: Sendable, Hashable, Codable {
    public var orderID: String
    public var platformOrderNumber: String
    public var unit: String
    public var kind: OrderFact.Kind
    public var label: String
    public var at: Date

    public init(
        orderID: String, platformOrderNumber: String, unit: String, kind: OrderFact.Kind, label: String, at: Date
    ) {
        self.orderID = orderID
        self.platformOrderNumber = platformOrderNumber
        self.unit = unit
        self.kind = kind
        self.label = label
        self.at = at
    }
}

public struct KeywordCount: Sendable, Hashable, Codable {
    public var day: LocalDate
    public var keyword: String
    public var count: Int

    public init(day: LocalDate, keyword: String, count: Int) {
        self.day = day
        self.keyword = keyword
        self.count = count
    }
}

public struct RepeatedDemand: Sendable, Hashable, Codable {
    public enum Subject: String, Sendable, Hashable, Codable {
        case caller, enterprise
    }

    public var subject: Subject
    /// The caller's masked phone (the store groups by the number, and keeps it only as a keyed hash) or the unified social credit code.
    public var key: String
    /// The enterprise's name, when known.
    public var name: String
    public var count: Int

    public init(subject: Subject, key: String, name: String, count: Int) {
        self.subject = subject
        self.key = key
        self.name = name
        self.count = count
    }
}
