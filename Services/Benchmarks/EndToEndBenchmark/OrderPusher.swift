import Domain
import Foundation
import PlatformAdapter

/// What became of one push.
struct PushOutcome: Sendable {
    var number: String
    /// When the push began, wall clock in milliseconds since 1970 (compared with SLA's `created_ms`).
    var pushedAtMilliseconds: Int64
    /// From the push's start to its answer (or failure).
    var latency: Duration
    /// The HTTP status, nil when no answer came (refused connection, timeout, broken response).
    var status: Int?
    /// The intake order id the gateway answered with.
    var orderID: String?
    var failure: String?

    var accepted: Bool { status == 201 && orderID != nil }
}

/// Pushes new orders through the gateway's signed HTTP edge as the simulator does
/// (`HTTPPostClient.postSigned`, on a pool of keep-alive connections): complaints on the bureau's topics,
/// one in five urgent, so that every order is routed to a unit and gets an acknowledgement clock.
struct OrderPusher: Sendable {
    let gateway: HTTPEndpoint
    let appKey: String
    let secret: String
    /// Starts every order number of this run, so that runs on one data folder never collide.
    let numberPrefix: String
    let timeout: Duration
    private let client: HTTPPostClient

    init(
        gateway: HTTPEndpoint, appKey: String, secret: String, numberPrefix: String, timeout: Duration,
        connections: Int
    ) {
        self.client = HTTPPostClient(connectionsPerHost: connections)
        self.gateway = gateway
        self.appKey = appKey
        self.secret = secret
        self.numberPrefix = numberPrefix
        self.timeout = timeout
    }

    static let topics = [
        "pension", "employment", "unemployment_insurance", "work_injury", "training", "labor_inspection",
        "wage_arrears", "talent",
    ]

    func number(_ index: Int) -> String { "\(numberPrefix)N\(index)" }

    func body(_ index: Int, now: Date) -> [UInt8] {
        let order: JSONValue = [
            "order_no": .string(number(index)),
            "urgency": .string(index % 5 == 0 ? "urgent" : "normal"),
            "kind": "complaint",
            "topic": .string(Self.topics[index % Self.topics.count]),
            "content": .string("来电人反映相关问题（第\(index)单），请核实处理。"),
            "address": "三门峡市湖滨区",
            "caller": ["name": "王伟", "phone": .string("139\(String(format: "%08d", index % 100_000_000))")],
            "dispatched_at": .string(ShanghaiTime.iso8601(now)),
            "deadline": .string(ShanghaiTime.iso8601(now.addingTimeInterval(10 * 86_400))),
        ]
        return order.encoded()
    }

    func push(_ index: Int) async -> PushOutcome {
        let now = Date()
        let started = ContinuousClock.now
        var outcome = PushOutcome(
            number: number(index), pushedAtMilliseconds: Int64(now.timeIntervalSince1970 * 1000), latency: .zero)
        do {
            let response = try await client.postSigned(
                to: gateway, path: PlatformAPI.ordersPath, body: body(index, now: now), appKey: appKey, secret: secret,
                now: now, timeout: timeout)
            outcome.status = response.status
            outcome.orderID = JSONValue.parse(response.body)?["order_id"]?.stringValue
        } catch {
            outcome.failure = error.description
        }
        outcome.latency = ContinuousClock.now - started
        return outcome
    }

    /// How the load is offered.
    enum Load: Sendable {
        /// `perSecond` pushes a second, open loop: each starts at its time whether or not earlier
        /// ones were answered, up to `maximumInFlight` at once (beyond it the pusher falls behind
        /// and the table says so).
        case rate(perSecond: Double, maximumInFlight: Int)
        /// As fast as answered, `inFlight` pushes at once.
        case closedLoop(inFlight: Int)
    }

    /// Pushes for `seconds`; every push started is answered or failed before this returns.
    func run(_ load: Load, seconds: Double) async -> (outcomes: [PushOutcome], elapsed: Duration) {
        let start = ContinuousClock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        var outcomes: [PushOutcome] = []
        await withTaskGroup(of: PushOutcome.self) { group in
            var launched = 0
            var unconsumed = 0
            switch load {
            case .rate(let perSecond, let maximumInFlight):
                let planned = Int(perSecond * seconds)
                while launched < planned {
                    let due = start + .microseconds(Int64(Double(launched) / perSecond * 1_000_000))
                    if due >= end { break }
                    if ContinuousClock.now < due { try? await Task.sleep(until: due, clock: .continuous) }
                    if unconsumed >= maximumInFlight, let outcome = await group.next() {
                        outcomes.append(outcome)
                        unconsumed -= 1
                        continue  // the push due may now be late: re-check the clock
                    }
                    let index = launched
                    group.addTask { await push(index) }
                    launched += 1
                    unconsumed += 1
                }
            case .closedLoop(let inFlight):
                while ContinuousClock.now < end {
                    if unconsumed >= inFlight, let outcome = await group.next() {
                        outcomes.append(outcome)
                        unconsumed -= 1
                    }
                    let index = launched
                    group.addTask { await push(index) }
                    launched += 1
                    unconsumed += 1
                }
            }
            for await outcome in group { outcomes.append(outcome) }
        }
        return (outcomes, ContinuousClock.now - start)
    }
}
