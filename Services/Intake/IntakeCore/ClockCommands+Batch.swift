import Outbox
import RPC
import ServiceDirectory
import ServiceKit
import WireProtocol

extension ClockCommands {
    /// Clock starts that fall due together go to SLA in one `start_clocks` call (one transaction
    /// there instead of one per clock); an SLA without the method gets them one at a time.
    static func batching(sla: RPCClient, maximumSize: Int) -> OutboxBatching<Outbox.OutboxEntry> {
        let key = ServiceName.sla.rawValue + " " + Self.start.name
        return OutboxBatching(
            maximumSize: maximumSize,
            key: { entry in
                entry.destination == ServiceName.sla.rawValue && entry.message.method == Self.start.name ? key : nil
            },
            deliver: { entries in await startMany(entries, sla: sla) }
        )
    }

    static func startMany(_ entries: [Outbox.OutboxEntry], sla: RPCClient) async
        -> OutboxBatching<Outbox.OutboxEntry>.Answer
    {
        var results = [DeliveryResult?](repeating: nil, count: entries.count)
        var requests: [Wire.StartClockRequest] = []
        var positions: [Int] = []
        for (index, entry) in entries.enumerated() {
            do {
                requests.append(try Wire.StartClockRequest(wireBytes: entry.message.body))
                positions.append(index)
            } catch {
                results[index] = .refused("the stored clock start cannot be read: \(error)")
            }
        }
        if !requests.isEmpty {
            let response: Wire.StartClocksResponse
            do throws(RPCError) {
                response = try await sla.call(
                    Wire.SLA.startClocks, Wire.StartClocksRequest(clocks: requests),
                    timeout: .seconds(10))
            } catch {
                // A refusal of the call as a whole (an older SLA without the method, a credential it
                // does not take for it) is no answer about any one clock: each goes on its own.
                let whole = DeliveryResult(error)
                if error.code == .unimplemented { return .unsupported }
                if case .refused = whole { return .unsupported }
                return .failedAll(whole)
            }
            guard response.results.count == requests.count else {
                return .failedAll(
                    .failed("sla answered \(response.results.count) results for \(requests.count) clock starts"))
            }
            for (position, result) in zip(positions, response.results) {
                results[position] =
                    result.status == 0
                    ? .delivered(note: result.created ? "created" : "existing")
                    : DeliveryResult(
                        RPCError(StatusCode(rawValue: Int(result.status)) ?? .unknown, result.message))
            }
        }
        return .results(results.map { $0 ?? .failed("no result") })
    }
}
