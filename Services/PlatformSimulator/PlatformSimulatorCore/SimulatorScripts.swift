public import Foundation
import PlatformAdapter

/// The simulator's scripted runs: a demo of a handful of orders through the platform's paths, and
/// a load of a given count at a given rate. Both print every push and what came back.
public enum SimulatorScripts {
    /// The demo: an urgent wage-arrears order, a pension consultation, a key-enterprise order, a
    /// business-environment order, a probable duplicate of the first, a re-push of the second
    /// (idempotent), a reminder (催办) and a supervision (督办). Returns the order numbers pushed.
    public static func demo(_ simulator: PlatformSimulator, now: Date = Date()) async -> [String] {
        let base = PlatformSimulator.orderNumber(now: now)
        func number(_ index: Int) -> String { "\(base)D\(index)" }
        simulator.output("demo: pushing orders to \(simulator.configuration.gateway)")
        var templates = OrderTemplates(seed: simulator.configuration.seed)
        let dispatched = PlatformSimulator.iso8601(now)
        let deadline = PlatformSimulator.iso8601(now.addingTimeInterval(10 * 86_400))
        let wages = templates.order(
            number: number(1), dispatchedAt: dispatched, deadline: deadline, urgent: true, topic: "wage_arrears")
        await simulator.pushOrder(number: number(1), body: wages)
        await simulator.pushOrder(number: number(2), urgent: false, topic: "pension")
        await simulator.pushOrder(number: number(3), urgent: false, topic: "employment", keyEnterprise: true)
        await simulator.pushOrder(number: number(4), urgent: false, topic: "business_environment")
        // The same caller about the same matter under a new number: intake flags it as a probable duplicate.
        if case .object(var duplicate) = wages {
            duplicate["order_no"] = .string(number(5))
            await simulator.pushOrder(number: number(5), body: .object(duplicate))
        }
        simulator.output("demo: pushing order \(number(1)) again: the gateway answers 200, not a second order")
        await simulator.pushOrder(number: number(1), body: wages)
        await simulator.pushEvent(.reminder, on: number(2), ["note": "来电人再次来电催促，请加快办理"])
        await simulator.pushEvent(.supervision, on: number(1), ["note": "涉及农民工工资，请重点督办"])
        for line in simulator.ledger.reportLines(prefix: "demo") { simulator.output(line) }
        simulator.output(
            "demo: acknowledge, reply and send with subanctl (e.g. subanctl acknowledge hotline_12345:\(number(1)) --as liaison:…); the simulator answers what the gateway sends"
        )
        return (1...5).map(number)
    }

    /// What a load run did.
    public struct LoadSummary: Sendable, CustomStringConvertible {
        public var sent = 0
        public var created = 0
        public var duplicates = 0
        public var failed = 0
        public var latencies: [Duration] = []
        /// What became of the pushes after their retries: counts, and each one that did not get through.
        public var delivery = DeliveryLedger.Counts()

        public var description: String {
            let sorted = latencies.sorted()
            func percentile(_ p: Double) -> String {
                guard !sorted.isEmpty else { return "-" }
                let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
                return String(
                    format: "%.1f ms",
                    Double(value.components.attoseconds) / 1e15 + Double(value.components.seconds) * 1000)
            }
            return
                "load: sent \(sent), created \(created), duplicates \(duplicates), failed \(failed), p50 \(percentile(0.5)), p99 \(percentile(0.99))"
        }
    }

    /// Pushes `count` orders at `rate` per second (each on its own schedule, so a slow answer or a
    /// retry does not slow the rate), then prints and returns the summary: the first line
    /// `load: sent …` as before, then `load: orders pushed …, accepted …, duplicate …, retried …,
    /// refused …, undelivered …` and one line per order that did not get through.
    public static func load(_ simulator: PlatformSimulator, rate: Double, count: Int) async -> LoadSummary {
        precondition(rate > 0 && count >= 0)
        let clock = ContinuousClock()
        let start = clock.now
        let interval = Duration.seconds(1 / rate)
        let summary = await withTaskGroup(of: (Int, Duration).self, returning: LoadSummary.self) { group in
            for index in 0..<count {
                group.addTask {
                    try? await Task.sleep(until: start + interval * index, clock: clock)
                    let began = clock.now
                    let result = await simulator.pushOrder()
                    return (result.status, clock.now - began)
                }
            }
            var summary = LoadSummary()
            for await (status, latency) in group {
                summary.sent += 1
                summary.latencies.append(latency)
                switch status {
                case 201: summary.created += 1
                case 200: summary.duplicates += 1
                default: summary.failed += 1
                }
            }
            return summary
        }
        var result = summary
        let ledger = simulator.ledger
        result.delivery = ledger.counts(orders: true)
        simulator.output(result.description)
        for line in ledger.reportLines(prefix: "load") { simulator.output(line) }
        return result
    }
}
