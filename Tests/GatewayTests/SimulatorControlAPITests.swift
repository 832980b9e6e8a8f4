import PlatformAdapter
import PlatformSimulatorCore
import Testing

/// The simulator's HTTP edge refuses a body it cannot read or parse, and then does nothing.
@Suite("Simulator control API")
struct SimulatorControlAPITests {
    static func post(_ body: [UInt8], to target: String, port: Int) async throws -> HTTPPostClient.Response {
        try await HTTPPostClient().post(
            to: HTTPEndpoint(host: "127.0.0.1", port: port), target: target, headers: [], body: body)
    }

    @Test(arguments: ["not json", "[1, 2]", "{\"order_no\":"])
    func aControlRequestThatIsNotAJSONObjectIsRefusedAndPushesNothing(body: String) async throws {
        let lines = PlatformOutboxTests.Lines()
        // Nothing listens on port 1: a push that was attempted would show in the ledger.
        let simulator = PlatformOutboxTests.simulator(
            gateway: HTTPEndpoint(host: "127.0.0.1", port: 1), port: 0, lines: lines)
        try await PlatformOutboxTests.withSimulator(simulator) { port in
            for target in ["/sim/orders", "/sim/events"] {
                let answer = try await Self.post(Array(body.utf8), to: target, port: port)
                #expect(answer.status == 400, "\(target): \(String(decoding: answer.body, as: UTF8.self))")
                #expect(JSONValue.parse(answer.body)?["error"]?["code"]?.stringValue == "malformed_json")
            }
        }
        #expect(simulator.ledger.entries.isEmpty)
    }

    @Test func aControlBodyOverItsLimitIsRefusedWith413() async throws {
        let simulator = PlatformOutboxTests.simulator(
            gateway: HTTPEndpoint(host: "127.0.0.1", port: 1), port: 0, lines: PlatformOutboxTests.Lines())
        try await PlatformOutboxTests.withSimulator(simulator) { port in
            let padding = String(repeating: "x", count: 1 << 16)
            let answer = try await Self.post(Array("{\"topic\":\"\(padding)\"}".utf8), to: "/sim/orders", port: port)
            #expect(answer.status == 413)
            #expect(JSONValue.parse(answer.body)?["error"]?["code"]?.stringValue == "too_large")
        }
        #expect(simulator.ledger.entries.isEmpty)
    }
}
