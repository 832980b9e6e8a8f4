import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOEchoBaseline
import RPC
import WireProtocol

/// Measures RPC calls per second over loopback, one client connection, with 1 and with 64 calls
/// in flight, each carrying a ~300-byte body, beside its ceiling in the same run: a plain SwiftNIO
/// echo of the same envelope (`NIOEchoBaseline`), driven by the same load generator. The server's
/// handler is measured both ways it can run: in a task (`register`, what a handler that reads a
/// database needs) and on the event loop (`registerImmediate`, for one that only computes).
/// Run in release: `swift run -c release suban-rpc-benchmark [seconds]`.
@main
struct RPCBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suban-rpc-benchmark",
        abstract: "RPC calls a second over loopback, beside a plain SwiftNIO echo measured in the same run.")

    @Argument(help: "How long each of the six measurements runs, in seconds (more than 0, at most 600).")
    var seconds: Double = 5

    func validate() throws {
        guard seconds > 0, seconds <= 600 else { throw ValidationError("seconds must be more than 0 and at most 600") }
    }

    func run() async throws {
        try await Self.measureAll(seconds: seconds)
    }

    static func measureAll(seconds: Double) async throws {
        let logger = Logger(label: "benchmark") { _ in SwiftLogNoOpLogHandler() }
        var router = RPCRouter()
        router.registerRaw(method) { body, _ in body }
        router.registerImmediateRaw(immediateMethod) { body, _ in body }
        let server = RPCServer(
            configuration: RPCServer.Configuration(),
            identity: RPCServer.Identity(service: "benchmark", version: "bench"),
            router: router,
            logger: logger
        )
        let echoServer = try await EchoServer.bind()
        guard let echoAddress = echoServer.localAddress else { throw ChannelError.unknownLocalAddress }
        let echo = try await EchoClient.connect(to: echoAddress)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            guard let port = try await server.listeningAddress.port else { throw ChannelError.unknownLocalAddress }
            let client = RPCClient(
                configuration: RPCClient.Configuration(host: "127.0.0.1", port: port), logger: logger)
            let body = [UInt8](String(repeating: "诉接速办 work order 工单 ", count: 12).utf8.prefix(300))
            // Connect and warm up outside the measurement.
            _ = try await client.callRaw(method, body: body)
            _ = try await client.callRaw(immediateMethod, body: body)
            _ = try await echo.call(method, body: body)

            print(
                "suban-rpc-benchmark: \(body.count)-byte body, one connection, \(seconds) s per run, \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loadAverage())"
            )
            for inFlight in [1, 64] {
                let ceiling = try await measure(inFlight: inFlight, seconds: seconds) {
                    _ = try await echo.call(method, body: body)
                }
                let task = try await measure(inFlight: inFlight, seconds: seconds) {
                    _ = try await client.callRaw(method, body: body)
                }
                let immediate = try await measure(inFlight: inFlight, seconds: seconds) {
                    _ = try await client.callRaw(immediateMethod, body: body)
                }
                print(line("nio echo", inFlight, ceiling))
                print(line("suban, task handler", inFlight, task))
                print(line("suban, immediate", inFlight, immediate))
                print(
                    String(
                        format: "in flight %3d: suban / echo = %.2f (task handler), %.2f (immediate)", inFlight,
                        task.callsPerSecond / ceiling.callsPerSecond, immediate.callsPerSecond / ceiling.callsPerSecond)
                )
            }
            print("load average at the end: \(loadAverage())")
            await client.shutdown()
            await echo.close()
            try await echoServer.close()
            group.cancelAll()
        }
    }

    static let method = "bench.echo"
    static let immediateMethod = "bench.echo.immediate"

    static func line(_ name: String, _ inFlight: Int, _ result: Result) -> String {
        let label = name.padding(toLength: 19, withPad: " ", startingAt: 0)
        return String(format: "in flight %3d  ", inFlight) + label
            + String(
                format: ": %9.0f calls/s   p50 %6.0f µs   p99 %6.0f µs   cpu %5.1f µs/call",
                result.callsPerSecond, result.p50, result.p99, result.cpuMicrosecondsPerCall)
    }

    /// The process's CPU time so far (user and system, all threads), in microseconds: what a call
    /// costs the machine, which the wall-clock rate on a shared machine does not show.
    static func cpuMicroseconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func microseconds(_ time: timeval) -> Double { Double(time.tv_sec) * 1e6 + Double(time.tv_usec) }
        return microseconds(usage.ru_utime) + microseconds(usage.ru_stime)
    }

    static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    struct Result {
        var callsPerSecond: Double
        var p50: Double
        var p99: Double
        /// Client and server together, both in this process.
        var cpuMicrosecondsPerCall: Double
    }

    /// `inFlight` tasks, each calling `call` in a loop for `seconds`: the load both sides get.
    static func measure(
        inFlight: Int, seconds: Double, call: @escaping @Sendable () async throws -> Void
    ) async throws -> Result {
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int(seconds * 1000))
        let start = clock.now
        let cpuAtStart = cpuMicroseconds()
        let histograms = try await withThrowingTaskGroup(of: LatencyHistogram.self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    var histogram = LatencyHistogram()
                    while clock.now < end {
                        let began = clock.now
                        try await call()
                        let (s, atto) = (clock.now - began).components
                        histogram.record(microseconds: UInt64(s * 1_000_000 + atto / 1_000_000_000_000))
                    }
                    return histogram
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = clock.now - start
        let cpu = cpuMicroseconds() - cpuAtStart
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var merged = LatencyHistogram()
        for histogram in histograms { merged.merge(histogram) }
        return Result(
            callsPerSecond: Double(merged.count) / elapsedSeconds,
            p50: Double(merged.percentile(0.5)),
            p99: Double(merged.percentile(0.99)),
            cpuMicrosecondsPerCall: merged.count > 0 ? cpu / Double(merged.count) : 0
        )
    }
}
