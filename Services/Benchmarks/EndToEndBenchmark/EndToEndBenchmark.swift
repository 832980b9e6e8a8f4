import ArgumentParser
import Foundation
import PlatformAdapter

/// `suban-e2e-benchmark`: the release services on loopback, orders pushed through the gateway's
/// signed edge, and one table of what came of them (issue 18, points 1 and 4). See
/// docs/PERFORMANCE.md, "End to end (issue 18)".
@main
struct EndToEndBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suban-e2e-benchmark",
        abstract: "Push orders through the gateway to routing and SLA and print what came of them.")

    @Option(help: "Folder of the release binaries (suban-gateway, suban-intake, …, suban-platform-simulator).")
    var bin: String
    @Option(help: "Orders a second, open loop (with --seconds).") var rate: Double?
    @Flag(help: "As fast as answered, --concurrency pushes at once.") var max = false
    @Option(help: "How long to push.") var seconds: Double = 30
    @Option(help: "Pushes at once with --max.") var concurrency = 64
    @Option(name: .customLong("max-in-flight"), help: "Most unanswered pushes at once with --rate.")
    var maximumInFlight = 4_096
    @Option(help: "Keep-alive connections the pusher opens to the gateway at most.") var connections = 256
    @Option(name: .customLong("timeout-ms"), help: "How long one push may wait for its answer.") var timeoutMs = 30_000
    @Option(
        name: .customLong("drain-seconds"), help: "How long to wait for every accepted order to be routed and clocked.")
    var drainSeconds: Double = 300
    @Option(help: "Orders stored in intake, SLA and the gateway before the services start.") var preload = 0
    @Option(help: "Folder keeping the preloaded databases between runs (filled once per --preload count).")
    var data: String?
    @Flag(help: "Keep the run's data folder and the services' logs (printed at the end).") var keep = false

    func validate() throws {
        guard (rate == nil) != !max else { throw ValidationError("give either --rate R or --max") }
        if let rate, !(rate > 0 && rate <= 100_000) { throw ValidationError("--rate must be in (0, 100000]") }
        guard seconds > 0, seconds <= 3_600 else { throw ValidationError("--seconds must be in (0, 3600]") }
        guard (1...10_000).contains(concurrency) else { throw ValidationError("--concurrency must be in 1...10000") }
        guard (1...100_000).contains(maximumInFlight) else {
            throw ValidationError("--max-in-flight must be in 1...100000")
        }
        guard (1...10_000).contains(connections) else { throw ValidationError("--connections must be in 1...10000") }
        guard timeoutMs >= 100 else { throw ValidationError("--timeout-ms must be at least 100") }
        guard drainSeconds >= 0 else { throw ValidationError("--drain-seconds must not be negative") }
        guard (0...10_000_000).contains(preload) else { throw ValidationError("--preload must be in 0...10000000") }
    }

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "suban-e2e.\(UUID().uuidString.prefix(8))"
        ).path
        let dataDirectory = "\(work)/data"
        let logDirectory = "\(work)/log"
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        // A failed run keeps its folder: the logs it names are the way to find out why.
        var failed = true
        defer {
            if keep || failed {
                print("kept: data \(dataDirectory), logs \(logDirectory)")
            } else {
                try? FileManager.default.removeItem(atPath: work)
            }
        }
        if preload > 0 {
            try await PreloadedData.copy(count: preload, keptIn: data ?? "\(work)/preloaded", to: dataDirectory)
        }

        var stack = ServiceStack(
            binaries: URL(fileURLWithPath: bin), dataDirectory: dataDirectory, logDirectory: logDirectory)
        try await stack.start()
        print("started: gateway http 127.0.0.1:\(stack.gatewayHTTPPort), data \(dataDirectory)")
        let report: RunReport
        do {
            report = try await measure(stack)
        } catch {
            await stack.stop()
            throw error
        }
        await stack.stop()
        report.print()
        failed = !report.problems.isEmpty || !report.exitedEarly.isEmpty
        if failed { throw ExitCode(1) }
    }

    private func measure(_ stack: ServiceStack) async throws -> RunReport {
        let pusher = OrderPusher(
            gateway: HTTPEndpoint(host: "127.0.0.1", port: stack.gatewayHTTPPort), appKey: stack.pushKey,
            secret: stack.pushSecret, numberPrefix: "E2E\(Int(Date().timeIntervalSince1970))",
            timeout: .milliseconds(timeoutMs), connections: connections)
        let load: OrderPusher.Load =
            rate.map { .rate(perSecond: $0, maximumInFlight: maximumInFlight) } ?? .closedLoop(inFlight: concurrency)
        let mode =
            rate.map { "\(RunReport.format($0)) a second for \(RunReport.format(seconds)) s" }
            ?? "--max, \(concurrency) at once for \(RunReport.format(seconds)) s"
        let loadBefore = Self.loadAverage()
        let measured = ServiceStack.services + ["simulator"]
        let cpuBefore = Self.cpuSeconds(of: measured, in: stack)
        let sampler = MemorySampler()
        let services = ServiceStack.services.compactMap(stack.process)
        let sampling = Task { await sampler.run(services) }
        defer { sampling.cancel() }
        print("pushing: \(mode)")
        let (outcomes, elapsed) = await pusher.run(load, seconds: seconds)
        var report = RunReport(
            mode: mode, preload: preload, planned: rate.map { Int($0 * seconds) }, outcomes: outcomes,
            pushElapsed: elapsed)
        report.loadBefore = loadBefore
        report.exitedEarly = stack.exited
        print("pushed: \(outcomes.count) in \(RunReport.format(elapsed.seconds)) s; waiting for the pipeline to drain")

        let check = PipelineCheck(dataDirectory: stack.dataDirectory)
        let accepted = report.accepted.compactMap { outcome in outcome.orderID.map { (number: outcome.number, id: $0) }
        }
        let drained = try await check.waitForDrain(accepted, seconds: drainSeconds)
        report.findings = drained.findings
        report.drainWaited = drained.waited
        let notAccepted = outcomes.filter { !$0.accepted }.map(\.number)
        report.storedThoughNotAccepted = try check.storedOrders(notAccepted).count
        let cpuAfter = Self.cpuSeconds(of: measured, in: stack)
        report.cpuUsed = (measured + ["benchmark"]).map { name in
            (name: name, seconds: cpuAfter[name].flatMap { after in cpuBefore[name].map { after - $0 } })
        }
        report.peakResident = measured.map { name in
            (name: name, mebibytes: stack.process(name)?.peakResidentMiB)
        }
        sampling.cancel()
        _ = await sampling.value
        report.peakProportional = sampler.peakMiB
        report.exitedEarly = stack.exited
        report.loadAfter = Self.loadAverage()
        return report
    }

    /// CPU seconds used so far by each of `names` (`benchmark`: this process, the pusher).
    static func cpuSeconds(of names: [String], in stack: ServiceStack) -> [String: Double] {
        var used: [String: Double] = [:]
        for name in names { used[name] = stack.process(name)?.cpuSeconds }
        used["benchmark"] = LaunchedProcess.cpuSeconds(ofProcess: "self")
        return used
    }

    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
