import Foundation
import Logging
import NIOCore
import RPC
import Synchronization
import WireProtocol

/// Measures RPC calls per second over loopback, one client connection, with 1 and with 64 calls
/// in flight, each carrying a ~300-byte body. Run in release:
/// `swift run -c release suban-rpc-benchmark [seconds]`.
@main
enum RPCBenchmark {
    static func main() async throws {
        let seconds = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 5
        guard seconds > 0, seconds <= 600 else {
            FileHandle.standardError.write(Data("usage: suban-rpc-benchmark [seconds in (0, 600]]\n".utf8))
            exit(2)
        }
        let logger = Logger(label: "benchmark") { _ in SwiftLogNoOpLogHandler() }
        var router = RPCRouter()
        router.registerRaw("bench.echo") { body, _ in body }
        let server = RPCServer(
            configuration: RPCServer.Configuration(),
            identity: RPCServer.Identity(service: "benchmark", version: "bench"),
            router: router,
            logger: logger
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            guard let port = try await server.listeningAddress.port else { throw ChannelError.unknownLocalAddress }
            let client = RPCClient(
                configuration: RPCClient.Configuration(host: "127.0.0.1", port: port), logger: logger)
            let body = [UInt8](String(repeating: "诉接速办 work order 工单 ", count: 12).utf8.prefix(300))
            _ = try await client.callRaw("bench.echo", body: body)  // connect outside the measurement

            print(
                "suban-rpc-benchmark: \(body.count)-byte body, one connection, \(seconds) s per run, \(ProcessInfo.processInfo.activeProcessorCount) cores"
            )
            for inFlight in [1, 64] {
                let result = try await measure(client: client, body: body, inFlight: inFlight, seconds: seconds)
                print(
                    String(
                        format: "in flight %3d: %9.0f calls/s   p50 %6.0f µs   p99 %6.0f µs",
                        inFlight, result.callsPerSecond, result.p50, result.p99
                    ))
            }
            await client.shutdown()
            group.cancelAll()
        }
    }

    struct Result {
        var callsPerSecond: Double
        var p50: Double
        var p99: Double
    }

    static func measure(client: RPCClient, body: [UInt8], inFlight: Int, seconds: Double) async throws -> Result {
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int(seconds * 1000))
        let start = clock.now
        let histograms = try await withThrowingTaskGroup(of: LatencyHistogram.self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    var histogram = LatencyHistogram()
                    while clock.now < end {
                        let began = clock.now
                        _ = try await client.callRaw("bench.echo", body: body)
                        let (s, atto) = (clock.now - began).components
                        histogram.record(microseconds: UInt64(s * 1_000_000 + atto / 1_000_000_000_000))
                    }
                    return histogram
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = clock.now - start
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var merged = LatencyHistogram()
        for histogram in histograms { merged.merge(histogram) }
        return Result(
            callsPerSecond: Double(merged.count) / elapsedSeconds,
            p50: Double(merged.percentile(0.5)),
            p99: Double(merged.percentile(0.99))
        )
    }
}
