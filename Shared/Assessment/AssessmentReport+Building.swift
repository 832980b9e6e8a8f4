import Domain
public import Foundation

extension AssessmentReport {
    /// Everything a report is built from besides its period.
    public struct Settings: Sendable {
        public var scheme: PointsScheme
        /// Unit codes and names; every unit named here is assessed, with or without orders.
        public var unitNames: [String: String]
        public var hotSpotRules: HotSpots.Rules
        /// Deductions listed per unit in a report of all units, so that a big bureau's month stays
        /// a message of a few megabytes; a report of one unit lists them all.
        public var deductionLimit: Int

        public init(
            scheme: PointsScheme = .shipped, unitNames: [String: String], hotSpotRules: HotSpots.Rules = .init(),
            deductionLimit: Int = 500
        ) {
            self.scheme = scheme
            self.unitNames = unitNames
            self.hotSpotRules = hotSpotRules
            self.deductionLimit = deductionLimit
        }
    }

    /// Builds the report of `period` as of `asOf` from `source`; with `unit`, only that unit's
    /// row is kept (its rank is still among all units).
    public static func build(
        period: ReportPeriod, unit: String? = nil, asOf: Date, source: some AssessmentSource, settings: Settings
    ) throws -> AssessmentReport {
        let days = period.first...period.last
        let previous = period.previous
        let scheme = settings.scheme
        let tallies = try source.tallies(days, asOf: asOf)
        let previousTallies = try source.tallies(previous.first...previous.last, asOf: asOf)
        // "Overdue now" of a period that has ended means overdue at its end.
        let overdue = try source.overdueNow(asOf: min(asOf, period.end.addingTimeInterval(-0.001)))
        let received = try source.receivedBreakdown(days)
        let deductionFacts = try source.facts(of: scheme.deductionSelection, in: days, asOf: asOf)
        let buckets = Buckets(period)

        let talliesByUnit = Dictionary(grouping: tallies, by: \.unit)
        let previousByUnit = Dictionary(grouping: previousTallies, by: \.unit)
        let overdueByUnit = Dictionary(grouping: overdue, by: \.unit)
        let receivedByUnit = Dictionary(grouping: received, by: \.unit)
        let deductionsByUnit = Dictionary(grouping: deductionFacts, by: \.unit)
        let codes = Set(settings.unitNames.keys).union(talliesByUnit.keys).union(overdueByUnit.keys)

        var units = codes.sorted().map { code in
            let unitTallies = talliesByUnit[code] ?? []
            let points = scheme.points(of: unitTallies)
            let deductions = Self.deductions(deductionsByUnit[code] ?? [], scheme)
            return UnitReport(
                unit: code,
                name: settings.unitNames[code] ?? code,
                figures: UnitFigures(tallies: unitTallies, overdueNow: overdueByUnit[code]?.count ?? 0),
                receivedBy: Self.breakdown(receivedByUnit[code] ?? []),
                points: points,
                score: scheme.base + points,
                previousScore: scheme.base + scheme.points(of: previousByUnit[code] ?? []),
                rank: 0,
                previousRank: 0,
                flagged: scheme.base + points < scheme.threshold,
                receivedTrend: buckets.series(receivedByUnit[code] ?? []),
                dailyScores: Self.dailyScores(period, unitTallies, scheme),
                deductions: unit == nil ? Array(deductions.suffix(settings.deductionLimit)) : deductions,
                deductionCount: deductions.count,
                overdueOrders: (overdueByUnit[code] ?? []).sorted {
                    ($0.since ?? .distantPast, $0.orderID) < ($1.since ?? .distantPast, $1.orderID)
                }
            )
        }
        let ranks = competitionRanks(units.map { ($0.unit, $0.score) })
        let previousRanks = competitionRanks(units.map { ($0.unit, $0.previousScore) })
        for index in units.indices {
            // Every unit was ranked just above.
            units[index].rank = ranks[units[index].unit, default: units.count]
            units[index].previousRank = previousRanks[units[index].unit, default: units.count]
        }
        units.sort { ($0.rank, $0.unit) < ($1.rank, $1.unit) }

        let bureauPoints = scheme.points(of: tallies)
        let bureau = UnitReport(
            unit: "bureau", name: "全局", figures: UnitFigures(tallies: tallies, overdueNow: overdue.count),
            receivedBy: breakdown(received), points: bureauPoints, score: scheme.base + bureauPoints,
            previousScore: scheme.base + scheme.points(of: previousTallies), rank: 0, previousRank: 0, flagged: false,
            receivedTrend: buckets.series(received), dailyScores: [], deductions: [], deductionCount: 0,
            overdueOrders: []
        )
        let topicTrend = WorkOrder.Topic.allCases.compactMap { topic -> Series? in
            let rows = received.filter { $0.topic == topic }
            return rows.isEmpty ? nil : Series(name: topic.rawValue, values: buckets.series(rows))
        }
        let hotSpots = try HotSpots.find(period: period, asOf: asOf, source: source, rules: settings.hotSpotRules)
        if let unit { units.removeAll { $0.unit != unit } }
        return AssessmentReport(
            period: period, previousPeriod: previous, asOf: asOf, scheme: scheme, buckets: buckets.labels,
            bureau: bureau,
            units: units, topicTrend: topicTrend, hotSpots: hotSpots
        )
    }

    /// 1, 2, 2, 4: equal scores share a rank (ties broken by nothing but listed by unit code).
    static func competitionRanks(_ scores: [(String, Double)]) -> [String: Int] {
        let sorted = scores.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        var ranks: [String: Int] = [:]
        for (index, entry) in sorted.enumerated() {
            if index > 0, sorted[index - 1].1 == entry.1 {
                ranks[entry.0] = ranks[sorted[index - 1].0]
            } else {
                ranks[entry.0] = index + 1
            }
        }
        return ranks
    }

    static func breakdown(_ rows: [ReceivedCount]) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = ["channel": [:], "urgency": [:], "kind": [:], "topic": [:]]
        for row in rows {
            result["channel", default: [:]][row.channel.rawValue, default: 0] += row.count
            result["urgency", default: [:]][row.urgency.rawValue, default: 0] += row.count
            result["kind", default: [:]][row.kind.rawValue, default: 0] += row.count
            result["topic", default: [:]][row.topic.rawValue, default: 0] += row.count
        }
        return result
    }

    static func dailyScores(_ period: ReportPeriod, _ tallies: [FactTally], _ scheme: PointsScheme) -> [DailyScore] {
        let byDay = Dictionary(grouping: tallies, by: \.day)
        var score = scheme.base
        return period.days.map { day in
            let points = scheme.points(of: byDay[day] ?? [])
            score += points
            return DailyScore(day: day, points: points, score: score)
        }
    }

    static func deductions(_ facts: [FactReference], _ scheme: PointsScheme) -> [Deduction] {
        facts.flatMap { fact in
            scheme.deductions.filter { $0.applies(to: fact.kind, label: fact.label) }.map { rule in
                Deduction(
                    orderID: fact.orderID, platformOrderNumber: fact.platformOrderNumber, fact: fact.kind,
                    title: rule.title,
                    at: fact.at, points: rule.points
                )
            }
        }
        .sorted { ($0.at, $0.orderID, $0.title) < ($1.at, $1.orderID, $1.title) }
    }
}

extension PointsScheme {
    /// The facts deductions are made for: per kind, the labels its rules name, or every label
    /// (`nil`) when one of its rules names none.
    public var deductionSelection: [OrderFact.Kind: Set<String>?] {
        let anyLabel = Set(deductions.filter { $0.label == nil }.map(\.fact))
        var selection: [OrderFact.Kind: Set<String>?] = [:]
        for rule in deductions {
            if anyLabel.contains(rule.fact) {
                selection[rule.fact] = .some(nil)
            } else if let label = rule.label {
                selection[rule.fact] = Set([label]).union((selection[rule.fact] ?? nil) ?? [])
            }
        }
        return selection
    }

    /// The points of a set of tallies.
    public func points(of tallies: some Sequence<FactTally>) -> Double {
        tallies.reduce(0) { $0 + Double($1.count) * points(for: $1.kind, label: $1.label) }
    }
}
