import TestSupport
import Testing

@testable import GatewayCore

/// The bound on requests the gateway reads and forwards at once (issue 18): beyond it a request
/// waits its turn, and is refused only when there is no room to wait or its wait runs out.
@Suite("Gateway admission")
struct AdmissionGateTests {
    typealias Gate = PlatformHTTPServer.AdmissionGate

    @Test("admits up to the limit, then refuses when no request may wait")
    func refusesBeyondTheLimitWithoutRoomToWait() async {
        let gate = Gate(configuration: .init(limit: 2, maximumWaiting: 0, maximumWait: .seconds(60)))
        #expect(await gate.enter() == .admitted)
        #expect(await gate.enter() == .admitted)
        #expect(await gate.enter() == .refused)
        gate.leave()
        #expect(await gate.enter() == .admitted)
        #expect(gate.load.inProgress == 2 && gate.load.waiting == 0)
    }

    @Test("a request whose wait runs out is refused")
    func waitRunsOut() async {
        let gate = Gate(configuration: .init(limit: 1, maximumWaiting: 4, maximumWait: .zero))
        #expect(await gate.enter() == .admitted)
        #expect(await gate.enter() == .refused)
        #expect(gate.load.inProgress == 1 && gate.load.waiting == 0)
    }

    @Test("a place given back goes to the request that waited longest")
    func waitersAreAdmittedInOrder() async {
        let gate = Gate(configuration: .init(limit: 1, maximumWaiting: 4, maximumWait: .seconds(60)))
        #expect(await gate.enter() == .admitted)
        let admitted = Collector<Int>()
        await withTaskGroup(of: Void.self) { group in
            for number in 1...2 {
                group.addTask {
                    if await gate.enter() == .admitted { admitted.append(number) }
                }
                // The next one queues behind this one.
                while gate.load.waiting < number { await Task.yield() }
            }
            gate.leave()
            #expect(await admitted.wait(forCount: 1) == [1])
            gate.leave()
            await group.waitForAll()
        }
        #expect(admitted.items == [1, 2])
        #expect(gate.load.inProgress == 1 && gate.load.waiting == 0)
    }
}
