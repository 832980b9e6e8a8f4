import Domain
public import Foundation
public import PlatformAdapter
import Synchronization

/// The city 12345 platform, simulated, against a running gateway with the same adapter: pushes
/// orders and events (signed), receives the gateway's calls (verified), decides extensions, returns
/// and reviews, and reports callbacks. Prints one line for everything it sends and receives.
public final class PlatformSimulator: Sendable {
    /// A message the gateway sent, as received.
    public struct ReceivedMessage: Sendable {
        public var messageID: String
        public var kind: PlatformAPI.OutboundKind
        public var orderNumber: String
        public var body: JSONValue
        public var duplicate: Bool
    }

    /// What a push came back with.
    public struct PushResult: Sendable {
        public var status: Int
        public var body: JSONValue
        public var line: String
        /// Attempts it took (1: answered the first time).
        public var attempts = 1
    }

    /// What the simulator knows of an order it pushed.
    struct OrderInfo: Sendable {
        var deadline: Date?
        var replies = 0
    }

    struct State {
        var received: [ReceivedMessage] = []
        var messageIDs: Set<String> = []
        /// When each message id arrived (Unix milliseconds), and its kind (an order message's or an
        /// article message's `type`): what `/control/received` reports.
        var receipts: [String: (kind: String, times: [Int64])] = [:]
        /// The bureau's knowledge-base articles as published to the platform, in order.
        var articles: [ReceivedArticle] = []
        var ledger = DeliveryLedger()
        var nonces: [String: Int64] = [:]
        var orders: [String: OrderInfo] = [:]
        /// Orders the bureau merged into another: their reply is the other's, reviewed there.
        var merged: Set<String> = []
        var eventCounter = 0
        var orderCounter = 0
        var templates: OrderTemplates
        var waiters:
            [(
                id: UInt64, matches: @Sendable (ReceivedMessage) -> Bool,
                continuation: CheckedContinuation<ReceivedMessage, Never>
            )] = []
        var nextWaiter: UInt64 = 0
    }

    public let configuration: SimulatorConfiguration
    /// The prefix of the order numbers this simulator makes up: one per run.
    let runPrefix = PlatformSimulator.orderNumber()
    let state: Mutex<State>
    let client = HTTPPostClient()
    let output: @Sendable (String) -> Void
    /// Decisions the platform owes, worked off by `runResponder()` after the call that caused them was answered.
    let decisions: AsyncStream<Decision>
    let decisionsContinuation: AsyncStream<Decision>.Continuation

    /// `output` receives every line the simulator prints (standard output in the executable),
    /// with callers' phone and ID numbers masked.
    public init(configuration: SimulatorConfiguration, output: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.output = { output(PersonalDataMask.mask($0)) }
        state = Mutex(State(templates: OrderTemplates(seed: configuration.seed)))
        (decisions, decisionsContinuation) = AsyncStream.makeStream(of: Decision.self)
    }

    /// Pushes a new order drawn from the templates; `number` defaults to a fresh one.
    @discardableResult
    public func pushOrder(
        number: String? = nil, urgent: Bool? = nil, topic: String? = nil, keyEnterprise: Bool = false,
        body override: JSONValue? = nil, now: Date = Date()
    ) async -> PushResult {
        let number = number ?? nextOrderNumber()
        // Whole seconds: the deadline the gateway stores is the one the JSON carries.
        let deadline = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 10 * 86_400).rounded(.down))
        let body =
            override
            ?? state.withLock {
                $0.templates.order(
                    number: number, dispatchedAt: Self.iso8601(now), deadline: Self.iso8601(deadline), urgent: urgent,
                    topic: topic,
                    keyEnterprise: keyEnterprise)
            }
        let sentDeadline = body["deadline"]?.stringValue.flatMap(ShanghaiTime.parseISO8601)
        state.withLock { $0.orders[number] = OrderInfo(deadline: sentDeadline) }
        let result = await post(PlatformAPI.ordersPath, body, key: number, orderNumber: number, isOrder: true)
        let summary = "\(body["urgency"]?.stringValue ?? "?") \(body["topic"]?.stringValue ?? "?")"
        let line =
            "pushed order \(number) (\(summary)) → \(result.status) \(Self.outcome(result.body))\(Self.attemptsNote(result.attempts))"
        output(line)
        return PushResult(status: result.status, body: result.body, line: line, attempts: result.attempts)
    }

    /// Pushes an event of `type` on `orderNumber` with `fields` (docs/platform-api.md, "Events").
    @discardableResult
    public func pushEvent(
        _ type: PlatformAPI.EventType, on orderNumber: String, _ fields: [String: JSONValue] = [:], now: Date = Date()
    ) async -> PushResult {
        let eventID = state.withLock { state -> String in
            state.eventCounter += 1
            return "EV-\(orderNumber)-\(state.eventCounter)"
        }
        var body = fields
        body["event_id"] = .string(eventID)
        body["type"] = .string(type.rawValue)
        body["occurred_at"] = .string(Self.iso8601(now))
        let result = await post(
            PlatformAPI.eventsPath(orderNumber: orderNumber), .object(body), key: eventID, orderNumber: orderNumber,
            isOrder: false)
        let line =
            "pushed \(type.rawValue) \(eventID) on \(orderNumber) → \(result.status) \(Self.outcome(result.body))\(Self.attemptsNote(result.attempts))"
        output(line)
        return PushResult(status: result.status, body: result.body, line: line, attempts: result.attempts)
    }

    /// Every message received so far, in order.
    public var received: [ReceivedMessage] { state.withLock { $0.received } }

    /// Waits until a message matching `matches` has been received (or returns it at once).
    public func waitForMessage(where matches: @escaping @Sendable (ReceivedMessage) -> Bool) async -> ReceivedMessage {
        await withCheckedContinuation { continuation in
            let found = state.withLock { state -> ReceivedMessage? in
                if let message = state.received.first(where: matches) { return message }
                state.nextWaiter += 1
                state.waiters.append((state.nextWaiter, matches, continuation))
                return nil
            }
            if let found { continuation.resume(returning: found) }
        }
    }

    /// POSTs `body` signed, retrying by `configuration.retry` (each attempt signed afresh: new
    /// nonce and timestamp, same body), and records the final outcome in the ledger under `key`.
    func post(_ path: String, _ body: JSONValue, key: String, orderNumber: String, isOrder: Bool) async -> (
        status: Int, body: JSONValue, attempts: Int
    ) {
        let policy = configuration.retry
        var backoff = policy.makeBackoff()
        var attempt = 0
        while true {
            attempt += 1
            let status: Int
            let answer: JSONValue
            var retryAfter: String?
            do {
                let response = try await client.postSigned(
                    to: configuration.gateway, path: path, body: body.encoded(), appKey: configuration.appKey,
                    secret: configuration.secret,
                    timeout: policy.timeout)
                status = response.status
                answer = JSONValue.parse(response.body) ?? .string(String(decoding: response.body, as: UTF8.self))
                retryAfter = response.header("Retry-After")
            } catch {
                status = 0
                answer = ["error": ["code": "unreachable", "message": .string(error.description)]]
            }
            let verdict = policy.verdict(attempt: attempt, status: status, retryAfter: retryAfter, backoff: &backoff)
            if case .retry(let delay) = verdict {
                try? await Task.sleep(for: delay)
                continue
            }
            let outcome: DeliveryLedger.Outcome
            switch verdict {
            case .delivered: outcome = answer["status"]?.stringValue == "duplicate" ? .duplicate : .accepted
            case .refused: outcome = .refused
            case .givenUp, .retry: outcome = .undelivered
            }
            let entry = DeliveryLedger.Entry(
                key: key, orderNumber: orderNumber, isOrder: isOrder, outcome: outcome, status: status,
                attempts: attempt,
                lastError: outcome == .accepted || outcome == .duplicate
                    ? "" : Self.outcome(answer) + Self.errorMessage(answer))
            state.withLock { $0.ledger.record(entry) }
            return (status, answer, attempt)
        }
    }

    /// What became of every push so far.
    public var ledger: DeliveryLedger { state.withLock { $0.ledger } }

    static func attemptsNote(_ attempts: Int) -> String {
        attempts > 1 ? " (after \(attempts) attempts)" : ""
    }

    static func errorMessage(_ body: JSONValue) -> String {
        body["error"]?["message"]?.stringValue.map { ": \($0.prefix(160))" } ?? ""
    }

    /// `accepted order_id=…`, or the error code, for the printed line.
    static func outcome(_ body: JSONValue) -> String {
        if let error = body["error"] {
            let fields = error["fields"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
            return (error["code"]?.stringValue ?? "error")
                + (fields.isEmpty ? "" : " [\(fields.joined(separator: ", "))]")
        }
        var parts = [body["status"]?.stringValue ?? ""]
        if let id = body["order_id"]?.stringValue, !id.isEmpty { parts.append("order_id=\(id)") }
        if let state = body["state"]?.stringValue, !state.isEmpty { parts.append("state=\(state)") }
        return parts.joined(separator: " ")
    }

    /// A fresh number: the run's prefix and a counter, so that a load run never repeats one.
    func nextOrderNumber() -> String {
        let counter = state.withLock { state -> Int in
            state.orderCounter += 1
            return state.orderCounter
        }
        return "\(runPrefix)N\(counter)"
    }

    /// `SIM` + Shanghai date and time + a random suffix: unique across runs without coordination.
    public static func orderNumber(now: Date = Date()) -> String {
        let stamp = iso8601(now).filter(\.isNumber).prefix(14)
        return "SIM\(stamp)\(String(format: "%04d", Int.random(in: 0..<10_000)))"
    }

    public static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
