import NIOCore
import RPC
import TestSupport
import Testing
import WireProtocol

/// A server registers by descriptor and a client calls by descriptor: the name on the wire is
/// the one the `.proto` gives, and both sides use the descriptor's request and response types.
@Suite("RPC method descriptors")
struct MethodDescriptorTests {
    @Test func aCallByDescriptorReachesTheHandlerRegisteredByDescriptor() async throws {
        var router = RPCRouter()
        router.register(Wire.SLA.listCalendar) { _, context in
            Wire.ListCalendarResponse(years: [Wire.CalendarYear(year: 2026, notice: context.method)])
        }
        #expect(router.methods.contains("sla.list_calendar"))
        try await withServer(router, logger: .quiet) { _, port in
            let client = makeTestClient(port: port)
            let response = try await client.call(Wire.SLA.listCalendar, Wire.ListCalendarRequest())
            await client.shutdown()
            #expect(response.years.map(\.year) == [2026])
            #expect(response.years.map(\.notice) == ["sla.list_calendar"], "the handler saw the wire name")
        }
    }

    @Test func theWireNamesAreTheOnesOutboxRowsStore() {
        #expect(Wire.Intake.submit.name == "intake.submit")
        #expect(Wire.Coordination.moveActionItemDue.name == "coordination.move_action_item_due")
        #expect(Wire.SLA.startClock.name == "sla.start_clock")
        #expect(Wire.Console.whoami.name == "console.whoami")
        #expect(Wire.Intake.kbSearch.name == "intake.kb_search")
    }
}
