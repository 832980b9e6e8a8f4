import Foundation
import PlatformAdapter
import TestSupport
import Testing

/// Issue 16.1 against the real `suban-gateway` process: a flood of unsigned requests costs its
/// database next to nothing, and its rate limits come from its environment.
@Suite("System: the gateway under a flood")
struct GatewayFloodSystemTests {

    static func launchGateway(_ dataDirectory: String, _ environment: [String: String]) async throws -> ChildProcess {
        try await ChildProcess.launch(
            "suban-gateway",
            environment: [
                "SUBAN_GATEWAY_PORT": "0", "SUBAN_GATEWAY_HTTP_PORT": "0", "SUBAN_DATA_DIR": dataDirectory,
                "SUBAN_INTAKE_PORT": "1", "SUBAN_ROUTING_PORT": "1",
                "SUBAN_GATEWAY_PLATFORM_KEYS": "platform-flood:platform-flood-secret-01",
            ].merging(environment) { $1 })
    }

    /// Runs `body` with the gateway's HTTP port, and stops the gateway, also when `body` fails.
    static func withGateway(_ environment: [String: String], _ body: (Int, String, ChildProcess) async throws -> Void)
        async throws
    {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-flood-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let gateway = try await launchGateway(dataDirectory, environment)
        do {
            try await body(try await gateway.port(after: "http-ready "), dataDirectory, gateway)
        } catch {
            await gateway.stop()
            throw error
        }
        #expect(await gateway.stop() == 0, "the gateway did not shut down cleanly")
    }

    @Test func aThousandUnsigned64KiBRequestsGrowTheRunningGatewaysDatabaseByLessThanOneMegabyte() async throws {
        // The limits out of the way: every request reaches the inbox, which is what is measured.
        let unlimited = [
            "SUBAN_GATEWAY_SOURCE_RATE_PER_MINUTE": "1000000", "SUBAN_GATEWAY_SOURCE_BURST": "1000000",
            "SUBAN_GATEWAY_UNAUTHENTICATED_RATE_PER_MINUTE": "1000000",
            "SUBAN_GATEWAY_UNAUTHENTICATED_BURST": "1000000",
        ]
        try await Self.withGateway(unlimited) { port, directory, _ in
            let files = ["gateway.sqlite", "gateway.sqlite-wal"].map { "\(directory)/\($0)" }
            func size() throws -> Int {
                try files.reduce(0) { total, file in
                    guard FileManager.default.fileExists(atPath: file) else { return total }
                    return total + ((try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
                }
            }
            let head = Array(
                #"{"order_no":"FLOOD","caller":{"phone":"13812345678","id_number":"110101199003074514"},"content":""#
                    .utf8)
            let flood =
                head + [UInt8](repeating: UInt8(ascii: "x"), count: 65_536 - head.count - 2) + Array(#""}"#.utf8)
            let endpoint = HTTPEndpoint(host: "127.0.0.1", port: port)
            let before = try size()
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let client = HTTPPostClient()
                        var statuses: [Int] = []
                        for _ in 0..<125 {
                            statuses.append(
                                try await client.post(
                                    to: endpoint, target: PlatformAPI.ordersPath, headers: [], body: flood
                                ).status)
                        }
                        return statuses
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(statuses.count == 1000)
            #expect(statuses.allSatisfy { $0 == 401 })
            let growth = try size() - before
            print(
                "figure: 1000 unsigned 64 KiB requests grew the running gateway's gateway.sqlite + gateway.sqlite-wal by \(growth) bytes"
            )
            #expect(growth < 1_000_000)
        }
    }

    @Test func theUnauthenticatedLimitComesFromTheEnvironmentAndAnswers429WithRetryAfter() async throws {
        let limited = [
            "SUBAN_GATEWAY_UNAUTHENTICATED_RATE_PER_MINUTE": "1", "SUBAN_GATEWAY_UNAUTHENTICATED_BURST": "3",
        ]
        try await Self.withGateway(limited) { port, _, gateway in
            let configured = await gateway.line { $0 == "config SUBAN_GATEWAY_UNAUTHENTICATED_BURST=3" }
            #expect(!configured.isEmpty)
            let client = HTTPPostClient()
            var answers: [HTTPPostClient.Response] = []
            for _ in 0..<4 {
                answers.append(
                    try await client.post(
                        to: HTTPEndpoint(host: "127.0.0.1", port: port), target: PlatformAPI.ordersPath, headers: [],
                        body: Array("{}".utf8)))
            }
            #expect(answers.map(\.status) == [401, 401, 401, 429])
            let retryAfter = answers.last?.headers.first { $0.name.lowercased() == "retry-after" }?.value
            #expect(retryAfter.flatMap { Int($0) }.map { $0 >= 1 } == true, "Retry-After: \(retryAfter ?? "none")")
        }
    }
}
