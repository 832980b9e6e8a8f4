import Assessment
import Domain
import Foundation

/// A March report of two units built from hand-made facts: the employment office below the
/// threshold of a strict scheme, the pension centre above it.
enum ReportFixture {
    static func instant(_ text: String) -> Date { ShanghaiTime.parseISO8601(text + ":00+08:00")! }

    static func projection(_ number: String, unit: String, topic: WorkOrder.Topic, facts: [OrderFact])
        -> OrderProjection
    {
        let order = try! WorkOrder(
            id: "WO-\(number)",
            draft: WorkOrderDraft(
                platformOrderNumber: number, channel: .hotline12345, receivedAt: facts[0].at, dispatchedAt: facts[0].at,
                urgency: .normal, kind: .complaint, topic: topic, content: "内容 <b>&", address: "",
                caller: WorkOrder.Caller(name: "", phone: "13812345678"), enterprise: nil, handlingDeadline: nil,
                attachments: []
            )
        )
        return OrderProjection(profile: OrderProfile(order: order, unit: unit), facts: facts)
    }

    static var report: AssessmentReport {
        let projections = [
            projection(
                "SMX-1", unit: "employment_office", topic: .employment,
                facts: [
                    OrderFact(.received, at: instant("2026-03-02T09:00")),
                    OrderFact(.overdue, at: instant("2026-03-10T00:00")),
                    OrderFact(.closed, at: instant("2026-03-12T10:00"), value: 8),
                    OrderFact(.closedLate, at: instant("2026-03-12T10:00")),
                    OrderFact(.wageRecovered, at: instant("2026-03-12T10:00"), value: 12, amount: 2_023_539_519),
                ]),
            projection(
                "SMX-2", unit: "pension_insurance_center", topic: .pension,
                facts: [
                    OrderFact(.received, at: instant("2026-03-03T09:00")),
                    OrderFact(.acknowledgedOnTime, at: instant("2026-03-03T09:30")),
                ]),
        ]
        let scheme = PointsScheme(
            name: "strict", base: 10, threshold: 8,
            rules: [
                .init(fact: .overdue, points: -2, title: "超期未答复"), .init(fact: .closedLate, points: -1, title: "超期办结"),
                .init(fact: .acknowledgedOnTime, points: 1, title: "按时签收"),
            ]
        )
        return try! AssessmentReport.build(
            period: ReportPeriod(parsing: "2026-03")!, asOf: instant("2026-04-01T00:00"),
            source: InMemoryAssessmentSource(projections),
            settings: .init(
                scheme: scheme, unitNames: ["employment_office": "就业办", "pension_insurance_center": "养老保险中心"])
        )
    }
}
