import Domain
import SLACore
import TestSupport
import Testing

/// `start_clocks`: the clock starts of a burst in one transaction, each answered on its own.
@Suite("SLA: starting many clocks at once")
struct StartManyTests {
    @Test("a refused request is answered on its own; the others start, once, also when delivered again")
    func refusedRequestLeavesTheOthersAndRedeliveryIsANoOp() async throws {
        let path = try SLAFixtures.temporaryDatabasePath()
        defer { SLAFixtures.cleanUp(path) }
        let database = try SLAFixtures.open(path)
        let engine = try SLAFixtures.engine(database)
        let t0 = try SLAFixtures.ms("2025-10-09T09:00:00+08:00")
        let requests = [
            ClockStart(id: "O1/acknowledge/1", orderID: "O1", unit: "U03", kind: .acknowledge, urgency: .urgent),
            ClockStart(id: "", orderID: "O2", unit: "U03", kind: .acknowledge, urgency: .urgent),
            ClockStart(id: "O3/acknowledge/1", orderID: "O3", unit: "U03", kind: .acknowledge, urgency: .normal),
            ClockStart(id: "O1/acknowledge/1", orderID: "O1", unit: "U03", kind: .acknowledge, urgency: .urgent),
        ]

        let first = try await engine.startClocks(each: requests, now: t0)
        #expect(first[0] == .created)
        guard case .refused(let error) = first[1] else {
            Issue.record("an empty id must be refused, not \(first[1])")
            return
        }
        #expect(error.field == "id")
        #expect(first[2] == .created)
        #expect(first[3] == .existing)

        // The sender crashed before it stored the results: the batch comes again and changes nothing.
        let again = try await engine.startClocks(each: requests, now: t0 + 1_000)
        #expect(again[0] == .existing)
        #expect(again[2] == .existing)
        #expect(again[3] == .existing)
        let o1 = try await engine.clocks(orderID: "O1")
        #expect(o1.count == 1)
        #expect(o1.first?.start == t0)
        #expect(try await engine.clocks(orderID: "O2").isEmpty)
        #expect(try await engine.clocks(orderID: "O3").count == 1)
    }
}
