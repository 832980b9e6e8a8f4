import Assessment
import Domain
import Foundation
import GRDB
import Persistence
import PersonalData
import TestSupport
import Testing

@testable import IntakeCore

/// The SQL of the intake database answers exactly as the plain-Swift reference over the same
/// projections, for periods that cut through days, months and quarters.
@Suite struct AssessmentStoreTests {
    static let units = ["employment_office", "pension_insurance_center", "office", "labor_inspection_brigade"]

    /// Orders dispatched between mid-February and mid-April 2026, with facts at random instants,
    /// many of them within minutes of a local midnight.
    static func projections(count: Int, seed: UInt64) -> [OrderProjection] {
        var random = SeededRandom(seed: seed)
        let base = ShanghaiTime.parseISO8601("2026-02-15T00:00:00+08:00")!
        func instant() -> Date {
            let day = Double(random.int(0...60)) * 86_400
            // Half of the instants fall within ten minutes either side of midnight.
            let second = random.int(0...1) == 0 ? Double(random.int(-600...600)) : Double(random.int(0...86_399))
            return base.addingTimeInterval(day + second)
        }
        let kinds = OrderFact.Kind.allCases
        return (0..<count).map { index in
            let dispatched = instant()
            var facts = [OrderFact(.received, at: dispatched)]
            for _ in 0..<random.int(0...8) {
                let kind = random.pick(kinds)
                switch kind {
                case .received: continue
                case .keyword:
                    facts.append(OrderFact(.keyword, at: dispatched, label: random.pick(["欠薪", "社保卡", "工伤"])))
                case .callback:
                    facts.append(
                        OrderFact(
                            .callback, at: instant(), value: Double(random.int(0...1)),
                            label: random.pick(WorkOrder.CallbackOutcome.allCases).rawValue))
                case .overdue:
                    let at = instant()
                    facts.append(
                        OrderFact(
                            .overdue, at: at,
                            until: random.int(0...1) == 0 ? nil : at.addingTimeInterval(Double(random.int(1...900_000)))
                        ))
                case .reopened:
                    facts.append(
                        OrderFact(
                            .reopened, at: instant(), label: random.pick(["sent_back", "dissatisfied", "reopen"])))
                default:
                    facts.append(
                        OrderFact(
                            kind, at: instant(), value: Double(random.int(0...500)),
                            amount: Double(random.int(0...100_000))))
                }
            }
            var profile = OrderProfile(
                order: Self.order(index, dispatched: dispatched, random: &random), unit: random.pick(units))
            profile.reopenCount = random.int(0...3)
            if random.int(0...2) == 0 {
                let enterprise = random.int(1...3)
                profile.enterpriseCode = "E\(enterprise)"
                profile.enterpriseName = "企业\(enterprise)"
            }
            return OrderProjection(profile: profile, facts: facts)
        }
    }

    static func order(_ index: Int, dispatched: Date, random: inout SeededRandom) -> WorkOrder {
        try! WorkOrder(
            id: "WO-\(index)",
            draft: WorkOrderDraft(
                platformOrderNumber: "N\(index)", channel: random.pick(WorkOrder.Channel.allCases),
                receivedAt: dispatched,
                dispatchedAt: dispatched, urgency: random.pick(WorkOrder.Urgency.allCases),
                kind: random.pick(WorkOrder.Kind.allCases),
                topic: random.pick(WorkOrder.Topic.allCases), content: "内容", address: "",
                caller: WorkOrder.Caller(name: "", phone: "1380000000\(random.int(0...5))"), enterprise: nil,
                handlingDeadline: nil, attachments: []
            )
        )
    }

    static func database(with projections: [OrderProjection]) throws -> (DatabasePool, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-assessment-\(UUID())").path
        let database = try ServiceDatabase.open(directory: directory, name: "intake", migrations: IntakeMigrations.all)
        let projection = FactProjection(
            rules: AssessmentRules(), store: OrderStore(database: database, personalData: .generate()))
        try database.write { db in
            for (index, order) in projections.enumerated() {
                try projection.write(order, rowID: Int64(index + 1), in: db)
            }
        }
        return (database, directory)
    }

    @Test(arguments: ["2026-03", "2026-Q1", "2026-02-28", "2026-03-31..2026-04-01", "2026-W14", "2026-04"])
    func theDatabaseAnswersAsTheReference(period: String) throws {
        let projections = Self.projections(count: 400, seed: 20_261_127)
        let (database, directory) = try Self.database(with: projections)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let settings = AssessmentReport.Settings(
            unitNames: Dictionary(uniqueKeysWithValues: Self.units.map { ($0, $0) }))
        let asOf = ShanghaiTime.parseISO8601("2026-04-05T12:00:00+08:00")!
        let parsed = try #require(ReportPeriod(parsing: period))
        let expected = try AssessmentReport.build(
            period: parsed, asOf: asOf, source: InMemoryAssessmentSource(projections), settings: settings)
        let actual = try AssessmentReport.build(
            period: parsed, asOf: asOf, source: AssessmentStore(database: database), settings: settings)
        #expect(actual.bureau.figures.received > 0 || parsed.dayCount < 3)
        #expect(actual.units.count == expected.units.count)
        for (actualUnit, expectedUnit) in zip(actual.units, expected.units) {
            #expect(actualUnit.figures == expectedUnit.figures, "\(actualUnit.unit)")
            #expect(actualUnit == expectedUnit, "\(actualUnit.unit)")
        }
        #expect(actual.bureau == expected.bureau)
        #expect(actual.hotSpots == expected.hotSpots)
        #expect(actual.topicTrend == expected.topicTrend)
    }
}
