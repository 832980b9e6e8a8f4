import ArgumentParser
import Domain
import Foundation
import GRDB
import Logging
import Outbox
import Persistence
import SLACore

/// `suban-sla-benchmark [clocks] [spread-seconds] [lead-seconds]`
///
/// 1. Working-day deadline computations per second.
/// 2. Schedules `clocks` (default 1,000,000) clocks through `SLAEngine.startClocks` in a temporary
///    database, due uniformly over `spread-seconds` (default 120) starting `lead-seconds` (default
///    90, enough to schedule and reload first on a busy 2-core machine) from now, in random order.
/// 3. Closes the database, opens it again and measures the reload (open, migrations check, engine
///    start, every clock's next instant into the heap).
/// 4. Runs the scheduler and the outbox sender (to a sink that accepts at once) on the wall clock
///    until every clock fired and every event was delivered; reports lateness p50/p99/max and
///    resident memory.
@main
struct SLABenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suban-sla-benchmark",
        abstract: "Working-day deadlines a second, then a million clocks scheduled, reloaded and fired on time.")

    @Argument(help: "Clocks to schedule.")
    var clocks = 1_000_000
    @Argument(help: "Seconds over which the clocks fall due.")
    var spreadSeconds = 120
    @Argument(help: "Seconds from now to the first clock due (time to schedule and reload first).")
    var leadSeconds = 90

    func validate() throws {
        guard clocks > 0 else { throw ValidationError("clocks must be at least 1") }
        guard spreadSeconds > 0, leadSeconds >= 0 else {
            throw ValidationError("spread-seconds must be at least 1 and lead-seconds at least 0")
        }
    }

    func run() async throws {
        let (clocks, spread, lead) = (self.clocks, spreadSeconds, leadSeconds)
        var logger = Logger(label: "suban.sla-benchmark")
        logger.logLevel = .warning

        print("load average at start: \(loadAverage())")
        let deadlines = try deadlinesPerSecond(count: 20_000_000)
        print(
            String(
                format: "deadlines: %.1f million working-day deadlines/s (checksum %lld)", deadlines.rate / 1e6,
                deadlines.checksum))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "suban-sla-benchmark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sla.sqlite").path

        // Schedule.
        let now = WallClock().now.unixMilliseconds
        let firstDue = now + Int64(lead) * 1_000
        let spreadMilliseconds = UInt64(spread) * 1_000
        var random = SplitMix64(seed: 12345)
        let scheduling = ContinuousClock.now
        do {
            let database = try ServiceDatabase.open(path: path, migrations: SLAMigrations.all)
            let engine = try SLAEngine(database: database, policies: try benchmarkPolicies(), logger: logger)
            let batch = 10_000
            for first in stride(from: 0, to: clocks, by: batch) {
                let requests = (first..<min(first + batch, clocks)).map { index in
                    ClockStart(
                        id: "bench-\(index)",
                        orderID: "order-\(index)",
                        unit: "U\(index % 10 + 1)",
                        kind: .actionItem,
                        start: now,
                        due: firstDue + Int64(random.next() % spreadMilliseconds)
                    )
                }
                _ = try await engine.startClocks(requests, now: now)
            }
            try database.close()
        }
        let scheduled = (ContinuousClock.now - scheduling).seconds
        print(String(format: "schedule: %d clocks in %.1f s (%.0f/s)", clocks, scheduled, Double(clocks) / scheduled))

        // Restart.
        let reloading = ContinuousClock.now
        let database = try ServiceDatabase.open(path: path, migrations: SLAMigrations.all)
        let engine = try SLAEngine(database: database, policies: try benchmarkPolicies(), logger: logger)
        let reload = (ContinuousClock.now - reloading).seconds
        print(String(format: "reload: %d clocks back in the heap in %.2f s", engine.scheduledCount, reload))
        let started = WallClock().now.unixMilliseconds
        if started >= firstDue {
            print("warning: scheduling and reload took longer than the lead of \(lead) s; early clocks start late")
        }

        // Fire.
        let recorder = LatenessRecorder(capacity: clocks)
        let sink = CountingSink()
        let scheduler = ClockScheduler(engine: engine, clock: WallClock(), logger: logger) { recorder.record($0) }
        let sender = engine.outboxSender(
            sink: sink, clock: WallClock(), batchSize: 1_000, concurrency: 32, logger: logger)
        let deadline = ContinuousClock.now + .seconds(lead + spread + 300)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await scheduler.run() }
            group.addTask { try await sender.run() }
            var lastReport = ContinuousClock.now
            while recorder.count < clocks || sink.count < clocks, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                if ContinuousClock.now - lastReport > .seconds(10) {
                    lastReport = ContinuousClock.now
                    let memory = residentMemory()
                    print(
                        String(
                            format: "  … fired %d, delivered %d, rss %.0f MB", recorder.count, sink.count,
                            memory.current))
                }
            }
            group.cancelAll()
        }

        let sorted = recorder.sorted
        let memory = residentMemory()
        print(
            String(
                format: "fire: %d events in %d transactions over %.1f s; delivered %d", sorted.count, recorder.batches,
                recorder.firingSeconds, sink.count))
        print(
            String(
                format: "lateness: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                Double(quantile(sorted, 0.5)) / 1000, Double(quantile(sorted, 0.99)) / 1000,
                Double(sorted.last ?? 0) / 1000
            ))
        print(String(format: "memory: peak rss (VmHWM) %.0f MB, rss at end %.0f MB", memory.peak, memory.current))
        print("load average at end: \(loadAverage())")
        try database.close()
    }
}

/// A small deterministic generator, so that runs schedule the same instants.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
