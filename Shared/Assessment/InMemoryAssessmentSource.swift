public import Domain
public import Foundation

/// The assessment source over projections held in memory: the plain-Swift reference that the
/// SQL of the intake database is tested against, and the source of small fixtures.
public struct InMemoryAssessmentSource: AssessmentSource {
    public var projections: [OrderProjection]

    public init(_ projections: [OrderProjection]) {
        self.projections = projections
    }

    private func facts(in days: ClosedRange<LocalDate>, asOf: Date? = nil) -> [(OrderProfile, OrderFact)] {
        let start = days.lowerBound.startInstant
        let end = days.upperBound.addingClamped(days: 1).startInstant
        return projections.flatMap { projection in
            projection.facts
                .filter { fact in fact.at >= start && fact.at < end && fact.at <= (asOf ?? .distantFuture) }
                .map { (projection.profile, $0) }
        }
    }

    public func tallies(_ days: ClosedRange<LocalDate>, asOf: Date) throws -> [FactTally] {
        var sums: [FactTally: FactTally] = [:]
        for (profile, fact) in facts(in: days, asOf: asOf) where fact.kind != .keyword {
            let label = FactTally.labelledKinds.contains(fact.kind) ? fact.label : ""
            let key = FactTally(
                day: LocalDate(containing: fact.at), unit: profile.unit, kind: fact.kind, label: label, count: 0,
                value: 0, amount: 0)
            var tally = sums[key] ?? key
            tally.count += 1
            tally.value += fact.value
            tally.amount += fact.amount
            sums[key] = tally
        }
        return Array(sums.values)
    }

    public func receivedBreakdown(_ days: ClosedRange<LocalDate>) throws -> [ReceivedCount] {
        var counts: [ReceivedCount: Int] = [:]
        for (profile, fact) in facts(in: days) where fact.kind == .received {
            let key = ReceivedCount(
                unit: profile.unit, channel: profile.channel, urgency: profile.urgency, kind: profile.kind,
                topic: profile.topic, day: LocalDate(containing: fact.at), count: 0
            )
            counts[key, default: 0] += 1
        }
        return counts.map { key, count in
            var row = key
            row.count = count
            return row
        }
    }

    public func overdueNow(asOf: Date) throws -> [OrderReference] {
        OrderReference.earliestPerOrder(
            projections.flatMap { projection in
                projection.facts
                    .filter { $0.at <= asOf && ($0.until.map { $0 > asOf } ?? true) }
                    .compactMap { fact in
                        let missed: OrderReference.MissedDeadline? =
                            switch fact.kind {
                            case .overdue: .handling
                            case .acknowledgedLate: .acknowledgement
                            default: nil
                            }
                        return missed.map { reference(projection.profile, since: fact.at, missed: $0) }
                    }
            })
    }

    public func facts(of selection: [OrderFact.Kind: Set<String>?], in days: ClosedRange<LocalDate>, asOf: Date) throws
        -> [FactReference]
    {
        facts(in: days, asOf: asOf).filter { _, fact in
            selection[fact.kind].map { labels in labels?.contains(fact.label) ?? true } ?? false
        }.map { profile, fact in
            FactReference(
                orderID: profile.orderID, platformOrderNumber: profile.platformOrderNumber, unit: profile.unit,
                kind: fact.kind, label: fact.label, at: fact.at
            )
        }
    }

    public func keywordCounts(_ days: ClosedRange<LocalDate>) throws -> [KeywordCount] {
        var counts: [KeywordCount: Int] = [:]
        for (_, fact) in facts(in: days) where fact.kind == .keyword {
            counts[KeywordCount(day: LocalDate(containing: fact.at), keyword: fact.label, count: 0), default: 0] += 1
        }
        return counts.map { KeywordCount(day: $0.key.day, keyword: $0.key.keyword, count: $0.value) }
    }

    public func repeatedDemands(_ days: ClosedRange<LocalDate>, minimum: Int) throws -> [RepeatedDemand] {
        let received = facts(in: days).filter { $0.1.kind == .received }.map(\.0)
        let callers = Dictionary(grouping: received.filter { !$0.callerPhone.isEmpty }, by: \.callerPhone)
            .map {
                RepeatedDemand(
                    subject: .caller, key: WorkOrder.Caller.mask(phone: $0.key), name: "", count: $0.value.count)
            }
        let enterprises = Dictionary(
            grouping: received.compactMap { order in order.enterpriseCode.map { ($0, order) } }, by: \.0
        )
        .mapValues { $0.map(\.1) }
        .map {
            RepeatedDemand(
                subject: .enterprise, key: $0.key, name: $0.value.first?.enterpriseName ?? "", count: $0.value.count)
        }
        return (callers + enterprises).filter { $0.count >= minimum }
    }

    public func recurringOrders(_ days: ClosedRange<LocalDate>, minimum: Int, limit: Int) throws -> [OrderReference] {
        let end = days.upperBound.addingClamped(days: 1).startInstant
        return projections.map(\.profile)
            .filter { $0.reopenCount >= minimum && $0.dispatchedAt < end }
            .sorted { ($0.reopenCount, $1.orderID) > ($1.reopenCount, $0.orderID) }
            .prefix(limit)
            .map { reference($0) }
    }

    private func reference(_ profile: OrderProfile, since: Date? = nil, missed: OrderReference.MissedDeadline? = nil)
        -> OrderReference
    {
        OrderReference(
            orderID: profile.orderID, platformOrderNumber: profile.platformOrderNumber, unit: profile.unit,
            since: since,
            missed: missed, reopenCount: profile.reopenCount
        )
    }
}
