import Assessment
import Domain
import Foundation
import GRDB
import Persistence
import PersonalData
import RPC
import ServiceDirectory
import ServiceKit
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// Intake keeps the assessment's projection with every change, serves reports and queues the
/// daily digest once.
@Suite("Intake: assessment")
struct AssessmentIntakeTests {
    static let today = LocalDate(containing: Date())

    /// Three orders: one closed through every step, one acknowledged, one only received.
    static func fileOrders(_ intake: IntakeFixture) async throws -> [String] {
        var ids: [String] = []
        for (index, content) in ["拖欠工资两个月，农民工讨薪。", "社保卡补办进度查询。", "失业金申领咨询。"].enumerated() {
            let response = try await intake.submit(
                IntakeFixture.draft(
                    number: "SMX-A-\(index)", content: content, urgency: "normal", phone: "1381234567\(index)"))
            ids.append(try #require(response.order?.id))
        }
        try await intake.handleToClose(ids[0], reply: "已处理。", callbackOutcome: "dissatisfied")
        try await intake.apply(ids[1], "acknowledge", as: "liaison")
        return ids
    }

    static func snapshot(_ database: DatabasePool) throws -> [String] {
        try database.read { db in
            try [
                "SELECT * FROM order_profile ORDER BY order_rowid",
                "SELECT * FROM order_fact ORDER BY order_rowid, kind, at",
                "SELECT * FROM order_keyword ORDER BY order_rowid, keyword",
                "SELECT * FROM fact_tally WHERE count != 0 ORDER BY day, unit, kind, label",
            ]
            .flatMap { try Row.fetchAll(db, sql: $0).map(\.description) }
        }
    }

    @Test func theProjectionFollowsEveryChangeAndEqualsARebuildFromTheLogs() async throws {
        try await IntakeFixture.run { intake in
            _ = try await Self.fileOrders(intake)
            let database = intake.desk.store.database
            let incremental = try Self.snapshot(database)
            let counts = try Self.factCounts(database)
            #expect(counts["received"] == 3)
            #expect(counts["acknowledged"] == 2)
            #expect(counts["callback"] == 1)
            #expect(counts["reopened"] == 1)
            #expect(counts["replied"] == 1)
            let rebuilt = try Self.rebuild(database, intake.desk.projection)
            #expect(rebuilt == 3)
            #expect(try Self.snapshot(database) == incremental)
            #expect(try intake.desk.projection.rebuildIfStale(in: database) == 0)
        }
    }

    /// Under other keywords and a zero acknowledgement span, keyword rows go and come and on-time
    /// facts turn late: the projection rewritten order by order equals a rebuild, tallies included.
    @Test func rewritingUnderOtherRulesEqualsARebuild() async throws {
        try await IntakeFixture.run { intake in
            let ids = try await Self.fileOrders(intake)
            let database = intake.desk.store.database
            let before = try Self.snapshot(database)
            var rules = intake.desk.assessmentRules
            rules.keywords = ["社保卡", "讨薪", "申领"]
            rules.acknowledgeMinutes = { _, _ in 0 }
            let projection = FactProjection(rules: rules, store: intake.desk.store)
            try await database.write { db in
                for id in ids {
                    try projection.refresh(try #require(try intake.desk.store.order(id: id, in: db)), in: db)
                }
            }
            let rewritten = try Self.snapshot(database)
            #expect(rewritten != before)
            // Two acknowledged after their (zero) span, one not acknowledged at all.
            #expect(try Self.factCounts(database)["acknowledged_late"] == 3)
            #expect(try Self.rebuild(database, projection) == 3)
            #expect(try Self.snapshot(database) == rewritten)
        }
    }

    @Test func aReportOfTodayCountsTheOrders() async throws {
        try await IntakeFixture.run { intake in
            _ = try await Self.fileOrders(intake)
            let response = try await intake.client.call(
                "intake.report", Wire.ReportRequest(period: Self.today.description), as: Wire.ReportResponse.self)
            let report = try AssessmentReport.decode(json: Data(response.reportJson))
            #expect(report.bureau.figures.received == 3)
            #expect(report.bureau.figures.acknowledged == 2)
            #expect(report.bureau.figures.callbacks == 1)
            #expect(report.bureau.figures.satisfactionRate == 0)
            let office = try #require(report.units.first { $0.unit == "employment_office" })
            #expect(office.name == "就业办")
            #expect(office.figures.received == 3)
            // Two on-time acknowledgements, one dissatisfied callback.
            #expect(office.points == 2 * 1 - 3)
            #expect(office.deductions.map(\.title) == ["回访不满意"])
            #expect(report.units.count == UnitDirectory.shipped.units.count)
            #expect(report.hotSpots.keywords.contains { $0.name == "社保卡" && $0.thisWeek == 1 })
        }
    }

    @Test func badReportRequestsAreRefusedWithTheField() async throws {
        try await IntakeFixture.run { intake in
            for (request, field) in [
                (Wire.ReportRequest(period: "2026-13"), "period"),
                (Wire.ReportRequest(period: "2026-03", unit: "nowhere"), "unit"),
            ] {
                do {
                    _ = try await intake.client.call("intake.report", request, as: Wire.ReportResponse.self)
                    Issue.record("\(request) was accepted")
                } catch let error as RPCError {
                    #expect(error.code == .invalidArgument)
                    #expect(error.fieldViolations.map(\.field) == [field])
                }
            }
        }
    }

    @Test func theDailyDigestIsQueuedOnceForEveryUnitHead() async throws {
        try await IntakeFixture.run { intake in
            _ = try await Self.fileOrders(intake)
            let day = Self.today.description
            func send(resend: Bool = false) async throws -> UInt32 {
                try await intake.client.call(
                    "intake.send_digest", Wire.SendDigestRequest(day: day, resend: resend),
                    as: Wire.SendDigestResponse.self
                ).queued
            }
            let units = UInt32(UnitDirectory.shipped.units.count)
            #expect(try await send() == units)
            #expect(try await send() == 0)
            #expect(try await send(resend: true) == units)
            let digests = try Self.queuedDigests(intake.desk.store.database)
            #expect(digests.count == Int(units) * 2)
            #expect(Set(digests.map(\.notificationId)).count == digests.count)
            let office = try #require(digests.first { $0.unit == "employment_office" })
            #expect(office.kind == "daily_digest")
            #expect(office.orderId.isEmpty)
            #expect(office.subject.contains("就业办 \(day)"))
            #expect(office.body.contains("当日积分：-1"))
            #expect(office.body.contains("SMX-A-0：回访不满意 -3"))
        }
    }

    static func factCounts(_ database: DatabasePool) throws -> [String: Int] {
        try database.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM order_fact GROUP BY kind")
                    .map { ($0["kind"] as String, $0["n"] as Int) })
        }
    }

    static func rebuild(_ database: DatabasePool, _ projection: FactProjection) throws -> Int {
        try database.write { db in try projection.rebuild(in: db) }
    }

    @Test func aQuietMonthMailsNobodyButCountsAsSent() async throws {
        try await IntakeFixture.run { intake in
            let assessment = IntakeHandlers(
                desk: intake.desk, routing: intake.client, sla: intake.client, logger: .quiet,
                gate: TestIdentity.service(.intake).gate
            ).assessment
            let day = try #require(LocalDate("2026-03-09"))
            #expect(try assessment.queueDigest(of: day, resend: false, skipQuiet: true, now: Date()) == 0)
            #expect(try assessment.digestSent(of: day))
            #expect(try Self.queuedDigests(intake.desk.store.database).isEmpty)
        }
    }

    static func queuedDigests(_ database: DatabasePool) throws -> [Wire.Notification] {
        try database.read { db in
            try Data.fetchAll(
                db,
                sql:
                    "SELECT body FROM outbox_entry WHERE destination = 'gateway' AND method = 'gateway.notify' ORDER BY id"
            )
            .compactMap { try Wire.NotifyRequest(wireBytes: [UInt8]($0)).notification }
            .filter { $0.kind == "daily_digest" }
        }
    }

    @Test(arguments: [("08:00", 480), ("00:00", 0), ("23:59", 1439)])
    func theDigestTimeIsReadFromTheEnvironment(text: String, minute: Int) throws {
        #expect(try AssessmentConfiguration(variables: ["SUBAN_DIGEST_TIME": text]).digestMinute == minute)
    }

    @Test(arguments: ["8:00", "24:00", "08:60", "noon", ""])
    func aBadDigestTimeStopsTheService(text: String) {
        #expect(throws: (any Error).self) { try AssessmentConfiguration(variables: ["SUBAN_DIGEST_TIME": text]) }
    }

    @Test func theDigestIsDueForYesterdayOnceTheSendTimeHasPassed() throws {
        let before = try #require(ShanghaiTime.parseISO8601("2026-03-10T07:59:00+08:00"))
        let after = try #require(ShanghaiTime.parseISO8601("2026-03-10T08:00:00+08:00"))
        #expect(DigestScheduler.dueDay(at: before, sendMinute: 480) == LocalDate("2026-03-08"))
        #expect(DigestScheduler.dueDay(at: after, sendMinute: 480) == LocalDate("2026-03-09"))
        #expect(DigestScheduler.nextSend(after: before, sendMinute: 480) == after)
        #expect(
            DigestScheduler.nextSend(after: after, sendMinute: 480)
                == ShanghaiTime.parseISO8601("2026-03-11T08:00:00+08:00"))
    }
}

/// Orders loaded from history arrive with their facts; a broken log is refused whole.
@Suite("Intake: historical orders")
struct HistoricalOrdersTests {
    static func order(_ number: String) throws -> (WorkOrder, [WorkOrderEvent]) {
        let dispatched = try #require(ShanghaiTime.parseISO8601("2026-03-02T09:00:00+08:00"))
        var order = try WorkOrder(
            id: "WO-\(number)",
            draft: WorkOrderDraft(
                platformOrderNumber: number, channel: .hotline12345, receivedAt: dispatched, dispatchedAt: dispatched,
                urgency: .normal, kind: .consultation, topic: .pension, content: "养老金查询", address: "",
                caller: WorkOrder.Caller(name: "", phone: "13812345678"), enterprise: nil, handlingDeadline: nil,
                attachments: []
            )
        )
        let assign = try order.apply(
            .assign(units: ["pension_insurance_center"], mode: .transfer),
            by: WorkOrder.Actor(id: "desk", role: .bureauDesk),
            at: dispatched.addingTimeInterval(60)
        )
        let acknowledge = try order.apply(
            .acknowledge, by: WorkOrder.Actor(id: "li", role: .liaison, unitCode: "pension_insurance_center"),
            at: dispatched.addingTimeInterval(600)
        )
        return (order, [assign, acknowledge])
    }

    static func load(_ database: DatabasePool, _ order: WorkOrder, _ events: [WorkOrderEvent]) throws {
        try database.write { db in
            try HistoricalOrders(database: database, personalData: .generate()).insert(order, events: events, in: db)
        }
    }

    static func counts(_ database: DatabasePool) throws -> [Int] {
        try database.read { db in
            try ["work_order", "order_event", "order_profile", "order_fact"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0
            }
        }
    }

    @Test func aLoadedOrderHasItsLogAndFacts() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-history-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try ServiceDatabase.open(directory: directory, name: "intake", migrations: IntakeMigrations.all)
        let (order, events) = try Self.order("H-1")
        try Self.load(database, order, events)
        // received, acknowledged, acknowledged on time
        #expect(try Self.counts(database) == [1, 2, 1, 3])
        let (other, otherEvents) = try Self.order("H-2")
        #expect(throws: WorkOrderLog.Error.self) { try Self.load(database, other, [otherEvents[1]]) }
        #expect(try Self.counts(database) == [1, 2, 1, 3])
    }
}
