import Foundation
import PlatformAdapter
import Testing

@testable import PlatformSimulatorCore

/// The simulated platform plays its side of a merge: the reply of a merged order is the reply of
/// the order it went into, reviewed there, so it owes no review of its own.
@Suite("Simulated platform: merged orders")
struct SimulatedMergeTests {
    @Test func theReplyOfAMergedOrderIsNotReviewedUnlessTheMergeWasUndone() async throws {
        var configuration = SimulatorConfiguration(
            gateway: HTTPEndpoint(host: "127.0.0.1", port: 1), appKey: "platform", secret: "platform-secret",
            inboundCredentials: PlatformCredentials(["suban": "suban-secret"])
        )
        configuration.autoRespond = true
        let simulator = PlatformSimulator(configuration: configuration, output: { _ in })
        func send(_ kind: PlatformAPI.OutboundKind, _ order: String) -> Int {
            let body = Array(#"{"message_id": "\#(order)/\#(kind.rawValue)/\#(UUID().uuidString)"}"#.utf8)
            let target = kind.path(orderNumber: order)
            let signature = PlatformSignature.sign(
                method: "POST", target: target, appKey: "suban", secret: "suban-secret", body: body)
            let headers = Dictionary(uniqueKeysWithValues: signature.headers.map { ($0.name, $0.value) })
            return simulator.receive(
                kind: kind, orderNumber: order, target: target, header: { headers[$0] }, body: body
            ).status
        }
        #expect(send(.merged, "N27") == 200)
        #expect(send(.merged, "N31") == 200)
        #expect(send(.unmerged, "N31") == 200)
        for order in ["N14", "N27", "N31"] { #expect(send(.reply, order) == 200) }
        simulator.finishResponder()
        var owed: [String] = []
        for await decision in simulator.decisions {
            if case .reply(let order) = decision { owed.append(order) }
        }
        #expect(owed == ["N14", "N31"])
    }
}
