import Domain
import Foundation
import Outbox
import SLACore
import Synchronization

/// The shipped profile, except that action items take the caller's deadline and fire only their
/// overdue event: one event per clock, so that the lateness of a million firings is measured.
func benchmarkPolicies() throws -> DeadlinePolicySet {
    let shipped = DeadlinePolicySet.shippedDefault
    let policies = shipped.policies.map { policy in
        policy.kind == .actionItem
            ? DeadlinePolicy(name: "benchmark.once", kind: .actionItem, due: .givenByCaller) : policy
    }
    return try DeadlinePolicySet(profile: "benchmark", policies: policies, extensionRule: shipped.extensionRule)
}

/// Lateness of every fired event (fired minus due, in microseconds), filled from the scheduler's
/// observer: one wall-clock reading per batch, since a batch becomes durable at one commit.
final class LatenessRecorder: Sendable {
    private struct State {
        var lateness: [Int64] = []
        var batches = 0
        var firstFired: Int64 = 0
        var lastFired: Int64 = 0
    }

    private let state: Mutex<State>

    init(capacity: Int) {
        var initial = State()
        initial.lateness.reserveCapacity(capacity)
        state = Mutex(initial)
    }

    func record(_ events: [FiredEvent]) {
        let now = WallClock().now.nanosecondsSince1970 / 1_000
        state.withLock { state in
            state.batches += 1
            if state.firstFired == 0 { state.firstFired = now }
            state.lastFired = now
            for event in events {
                state.lateness.append(now - event.scheduled * 1_000)
            }
        }
    }

    var count: Int { state.withLock { $0.lateness.count } }
    var batches: Int { state.withLock { $0.batches } }
    var sorted: [Int64] { state.withLock { $0.lateness.sorted() } }
    var firingSeconds: Double { state.withLock { Double($0.lastFired - $0.firstFired) / 1_000_000 } }
}

/// Accepts every event, as an intake that answers at once would, and counts them.
final class CountingSink: ClockEventSink {
    private let delivered = Atomic<Int>(0)

    func deliver(_ event: FiredEvent) async -> DeliveryOutcome {
        delivered.add(1, ordering: .relaxed)
        return .recorded
    }

    var count: Int { delivered.load(ordering: .relaxed) }
}

/// Peak and current resident memory of this process, in MB, from /proc/self/status.
func residentMemory() -> (peak: Double, current: Double) {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func value(_ key: String) -> Double {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }
    return (value("VmHWM"), value("VmRSS"))
}

/// The 1, 5 and 15 minute load averages: other work on the machine shows in the tail.
func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

/// Working-day deadlines per second on the shipped calendar: `count` computations of 1 to 20
/// working days from starts spread over the shipped years, one core.
func deadlinesPerSecond(count: Int) throws -> (rate: Double, checksum: Int64) {
    let calendar = WorkingDayCalendar.shipped
    // 4,096 starts every ~13 hours from 2021-01-01, covering the shipped years.
    let starts = (0..<4_096).map { Date(timeIntervalSince1970: 1_609_430_400 + Double($0) * 46_811) }
    var checksum: Int64 = 0
    let began = ContinuousClock.now
    for index in 0..<count {
        let deadline = try calendar.deadline(workingDays: index % 20 + 1, from: starts[index & 4_095])
        checksum &+= Int64(deadline.instant.timeIntervalSince1970)
    }
    let seconds = (ContinuousClock.now - began).seconds
    return (Double(count) / seconds, checksum)
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}

/// The value at quantile `q` (0...1) of a sorted array.
func quantile(_ sorted: [Int64], _ q: Double) -> Int64 {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))]
}
