import Assessment
import Domain
import Foundation
import Testing

/// Whole reports over small sets of scripted orders, every figure worked out by hand.
@Suite struct ReportBuildingTests {
    static let names = ["employment_office": "就业办", "pension_insurance_center": "养老保险中心", "office": "办公室"]
    let time = OrderScript.time

    /// Four orders around the end of March (the end of Q1), all for the employment office but one.
    static func fixture() throws -> [OrderProjection] {
        // 1: urgent, dispatched 23:40 on 31 March, acknowledged 00:05 on 1 April (on time, 25 min).
        var first = try OrderScript("M1", dispatched: "2026-03-31T23:40", urgency: .urgent)
        try first.assign("2026-03-31T23:41")
        try first.acknowledge("2026-04-01T00:05")
        // 2: normal, dispatched 2 March, deadline 24:00 on 9 March, replied late on 12 March, closed
        //    13 March: acknowledged on time (60 min), overdue 10 March, closed late; callback
        //    basically satisfied on a partly solved reply.
        var second = try OrderScript("M2", dispatched: "2026-03-02T09:00", deadline: "2026-03-10T00:00")
        try second.assign("2026-03-02T09:01")
        try second.acknowledge("2026-03-02T10:00")
        try second.start("2026-03-02T11:00")
        try second.reply("2026-03-12T10:00", result: .partlySolved)
        try second.callback("2026-03-13T10:00", .basicallySatisfied)
        // 3: dispatched 3 March, acknowledged late, replied on time, dissatisfied callback (reopened),
        //    then not replied again: overdue since its deadline, 24:00 on 19 March.
        var third = try OrderScript("M3", dispatched: "2026-03-03T09:00", deadline: "2026-03-20T00:00")
        try third.assign("2026-03-03T09:01")
        try third.acknowledge("2026-03-03T14:00")
        try third.start("2026-03-03T15:00")
        try third.reply("2026-03-05T10:00")
        try third.callback("2026-03-06T10:00", .dissatisfied)
        // 4: the pension centre, dispatched 10 March, closed on time and satisfied.
        var fourth = try OrderScript(
            "M4", dispatched: "2026-03-10T09:00", deadline: "2026-03-20T00:00", unit: "pension_insurance_center")
        try fourth.assign("2026-03-10T09:01")
        try fourth.acknowledge("2026-03-10T09:30")
        try fourth.start("2026-03-10T10:00")
        try fourth.reply("2026-03-11T10:00")
        try fourth.callback("2026-03-12T10:00")
        return [first, second, third, fourth].map { $0.projection() }
    }

    func report(
        _ period: String, unit: String? = nil, asOf: String = "2026-05-01T00:00", scheme: PointsScheme = .shipped
    ) throws -> AssessmentReport {
        try AssessmentReport.build(
            period: try #require(ReportPeriod(parsing: period)), unit: unit, asOf: time(asOf),
            source: InMemoryAssessmentSource(try Self.fixture()), settings: .init(scheme: scheme, unitNames: Self.names)
        )
    }

    @Test func marchFiguresOfTheEmploymentOffice() throws {
        let march = try report("2026-03")
        let office = try #require(march.units.first { $0.unit == "employment_office" })
        let figures = office.figures
        #expect(figures.received == 3)  // M1 (23:40 on 31 March), M2, M3
        #expect(figures.acknowledged == 2)  // M2 and M3; M1's acknowledgement is April's
        #expect(figures.acknowledgedOnTime == 1)
        #expect(figures.acknowledgedLate == 1)  // M3: due 13:00, acknowledged 14:00
        #expect(figures.acknowledgedOnTimeRate == 0.5)
        #expect(figures.averageAcknowledgeMinutes == 180)  // (60 + 300) / 2
        #expect(figures.replied == 2)
        #expect(figures.closed == 1)
        #expect(figures.closedLate == 1)
        #expect(figures.closedOnTimeRate == 0)
        #expect(figures.averageHandlingWorkingDays == 8)  // 3–6 and 9–12 March
        #expect(figures.overdueEver == 2)  // M2 on 10 March, M3 on 20 March
        #expect(figures.overdueNow == 1)  // M3 at the end of March; M2 replied on 12 March
        #expect(figures.reopened == 1)
        #expect(figures.reopenRate == 0.5)
        #expect(figures.callbacks == 2)
        #expect(figures.callbacksReached == 2)
        #expect(figures.callbacksSolved == 1)  // M3's reply said solved, M2's partly
        #expect(figures.callbacksSatisfied == 1)
        #expect(figures.satisfactionRate == 0.5)
        #expect(figures.responseRate == 1)
        #expect(office.receivedBy["urgency"] == ["urgent": 1, "normal": 2])
    }

    @Test func pointsRanksAndDeductions() throws {
        let march = try report("2026-03")
        let office = try #require(march.units.first { $0.unit == "employment_office" })
        let pension = try #require(march.units.first { $0.unit == "pension_insurance_center" })
        // Office: +1 (M2 acknowledged on time) −2 (M3 late) −5 (M2 overdue) −3 (M2 closed late)
        // −3 (M3 dissatisfied) −5 (M3 overdue) = −17.
        #expect(office.points == -17)
        #expect(office.score == 983)
        // Pension: +1 acknowledged on time, +2 closed on time.
        #expect(pension.score == 1003)
        // The desk has no orders: 1000, between them.
        #expect(march.units.map(\.unit) == ["pension_insurance_center", "office", "employment_office"])
        #expect(march.units.map(\.rank) == [1, 2, 3])
        #expect(
            office.deductions.map { "\($0.platformOrderNumber) \($0.title) \(Int($0.points))" } == [
                "M3 超时签收 -2", "M3 回访不满意 -3", "M2 超期未答复 -5", "M2 超期办结 -3", "M3 超期未答复 -5",
            ])
        #expect(!office.flagged)
    }

    @Test func theSameOrdersInAprilAndTheSecondQuarter() throws {
        for period in ["2026-04", "2026-Q2"] {
            let report = try report(period)
            let office = try #require(report.units.first { $0.unit == "employment_office" })
            #expect(office.figures.received == 0)
            #expect(office.figures.acknowledgedOnTime == 1)  // M1 at 00:05 on 1 April
            #expect(office.figures.averageAcknowledgeMinutes == 25)
            #expect(office.score == 1001)
            // Against March (or Q1): 983 then.
            #expect(office.previousScore == 983)
            #expect(office.change == 18)
        }
    }

    @Test func aDayReportCutsAtLocalMidnight() throws {
        let lastOfMarch = try report("2026-03-31")
        #expect(lastOfMarch.bureau.figures.received == 1)
        #expect(lastOfMarch.bureau.figures.acknowledged == 0)
        let firstOfApril = try report("2026-04-01")
        #expect(firstOfApril.bureau.figures.acknowledged == 1)
    }

    @Test func factsAfterAsOfDoNotCountYet() throws {
        // As of 9 March M2 is not yet overdue (its deadline is 24:00 on 9 March), nor replied.
        let early = try report("2026-03", asOf: "2026-03-09T23:59")
        #expect(early.bureau.figures.overdueEver == 0)
        #expect(early.bureau.figures.overdueNow == 0)
        let later = try report("2026-03", asOf: "2026-03-11T00:00")
        #expect(later.bureau.figures.overdueEver == 1)
        #expect(later.bureau.figures.overdueNow == 1)
        #expect(
            later.units.first { $0.unit == "employment_office" }?.overdueOrders.map(\.platformOrderNumber) == ["M2"])
    }

    @Test func dailyScoresRunThroughThePeriod() throws {
        let march = try report("2026-03")
        let office = try #require(march.units.first { $0.unit == "employment_office" })
        #expect(office.dailyScores.count == 31)
        let byDay = Dictionary(uniqueKeysWithValues: office.dailyScores.map { ($0.day.description, $0) })
        #expect(byDay["2026-03-02"]?.points == 1)
        #expect(byDay["2026-03-03"]?.score == 999)
        #expect(byDay["2026-03-06"]?.points == -3)
        #expect(byDay["2026-03-10"]?.points == -5)
        #expect(byDay["2026-03-31"]?.score == office.score)
    }

    @Test func aSchemeFromConfigurationFlagsUnitsBelowItsThreshold() throws {
        let json = """
            {"name": "strict", "base": 10, "threshold": 8,
             "rules": [{"fact": "overdue", "points": -2, "title": "超期"}, {"fact": "closed_late", "points": -1, "title": "超期办结"}]}
            """
        let scheme = try PointsScheme.decode(Data(json.utf8))
        let march = try report("2026-03", scheme: scheme)
        let office = try #require(march.units.first { $0.unit == "employment_office" })
        #expect(office.score == 5)  // 10 − 2 × 2 overdue − 1 closed late
        #expect(office.flagged)
        #expect(march.units.filter(\.flagged).map(\.unit) == ["employment_office"])
    }

    @Test(arguments: [
        #"{"name": "x", "base": 1000, "threshold": 1200, "rules": [{"fact": "overdue", "points": -1, "title": "t"}]}"#,
        #"{"name": "x", "base": 1000, "threshold": 800, "rules": []}"#,
        #"{"name": "x", "base": 1000, "threshold": 800, "rules": [{"fact": "no_such_fact", "points": -1, "title": "t"}]}"#,
        #"{"name": "x", "base": 1000, "threshold": 800, "rules": [{"fact": "overdue", "points": 0, "title": "t"}]}"#,
        #"{"name": " ", "base": 1000, "threshold": 800, "rules": [{"fact": "overdue", "points": -1, "title": "t"}]}"#,
        "not json",
    ])
    func badSchemesAreRefused(json: String) {
        #expect(throws: PointsScheme.Invalid.self) { try PointsScheme.decode(Data(json.utf8)) }
    }

    @Test func equalScoresShareARank() throws {
        let report = try report("2026-01")  // nothing happened in January
        #expect(report.units.map(\.rank) == [1, 1, 1])
        #expect(report.units.map(\.unit) == ["employment_office", "office", "pension_insurance_center"])
    }

    @Test func oneUnitKeepsItsRankAmongAll() throws {
        let march = try report("2026-03", unit: "employment_office")
        #expect(march.units.map(\.unit) == ["employment_office"])
        #expect(march.units.first?.rank == 3)
        #expect(march.bureau.figures.received == 4)
    }

    @Test func aReportOfAllUnitsListsTheLatestDeductionsAndOneUnitAll() throws {
        let source = InMemoryAssessmentSource(try Self.fixture())
        let march = try #require(ReportPeriod(parsing: "2026-03"))
        let settings = AssessmentReport.Settings(unitNames: Self.names, deductionLimit: 2)
        let all = try AssessmentReport.build(
            period: march, asOf: time("2026-05-01T00:00"), source: source, settings: settings)
        let office = try #require(all.units.first { $0.unit == "employment_office" })
        #expect(office.deductionCount == 5)
        #expect(office.deductions.map(\.title) == ["超期办结", "超期未答复"])  // M2 on 13 March, M3 on 20 March
        let one = try AssessmentReport.build(
            period: march, unit: "employment_office", asOf: time("2026-05-01T00:00"), source: source, settings: settings
        )
        #expect(one.units.first?.deductions.count == 5)
    }

    @Test func theReportSurvivesJSON() throws {
        let march = try report("2026-03")
        let decoded = try AssessmentReport.decode(json: try march.jsonData())
        #expect(decoded == march)
        let text = String(decoding: try march.jsonData(), as: UTF8.self)
        #expect(text.contains("\"asOf\" : \"2026-05-01T00:00:00+08:00\""))
    }
}

/// 当前超期 counts an order past its acknowledgement deadline as well as one past its handling
/// deadline, each order once, with the deadline it missed first.
@Suite struct OverdueNowTests {
    let time = OrderScript.time

    func overdue(asOf: String, _ scripts: [OrderScript]) throws -> [String] {
        let report = try AssessmentReport.build(
            period: try #require(ReportPeriod(parsing: "2026-03")), unit: nil, asOf: time(asOf),
            source: InMemoryAssessmentSource(scripts.map { $0.projection() }),
            settings: .init(scheme: .shipped, unitNames: ReportBuildingTests.names)
        )
        #expect(report.bureau.figures.overdueNow == report.units.reduce(0) { $0 + $1.overdueOrders.count })
        return report.units.flatMap(\.overdueOrders).map { "\($0.platformOrderNumber) \($0.missed?.label ?? "-")" }
    }

    @Test func anUnacknowledgedUrgentOrderIsOverdueFromItsThirtiethMinuteUntilAcknowledged() throws {
        var urgent = try OrderScript("U1", dispatched: "2026-03-02T09:00", urgency: .urgent)
        try urgent.assign("2026-03-02T09:01")
        #expect(try overdue(asOf: "2026-03-02T09:29", [urgent]) == [])
        #expect(try overdue(asOf: "2026-03-02T09:31", [urgent]) == ["U1 签收时限"])
        try urgent.acknowledge("2026-03-02T10:00")
        #expect(try overdue(asOf: "2026-03-02T09:59", [urgent]) == ["U1 签收时限"])
        #expect(try overdue(asOf: "2026-03-02T10:01", [urgent]) == [])
    }

    @Test func anOrderPastBothDeadlinesCountsOnceUnderItsAcknowledgement() throws {
        var forgotten = try OrderScript("F1", dispatched: "2026-03-02T09:00", deadline: "2026-03-05T00:00")
        try forgotten.assign("2026-03-02T09:01")
        #expect(try overdue(asOf: "2026-03-06T00:00", [forgotten]) == ["F1 签收时限"])
    }
}
