import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import RPC
import TestSupport
import Testing
import WireProtocol

/// A real service process scraped over HTTP: `/metrics` counts the calls it served, in the
/// Prometheus text format, with the numbers `stats` (and so `subanctl probe`) reports.
@Suite("System: Prometheus metrics", .timeLimit(.minutes(2)))
struct MetricsSystemTests {
    @Test func aScrapeCountsTheCallsTheServiceServed() async throws {
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-metrics-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let routing = try await ChildProcess.launch(
            "suban-routing", environment: ["SUBAN_ROUTING_PORT": "0", "SUBAN_DATA_DIR": dataDirectory]
        )
        do {
            let port = try await routing.port(after: "ready ")
            let metricsPort = try await routing.port(after: "metrics-ready ")
            let client = RPCClient(
                configuration: RPCClient.Configuration(host: "127.0.0.1", port: port), logger: Logger(label: "test"))
            for _ in 0..<3 {
                _ = try await client.call("health", HealthRequest(), as: HealthResponse.self)
            }
            let stats = try await client.call("stats", StatsRequest(), as: StatsResponse.self)
            await client.shutdown()

            let scrape = try await Self.get(port: metricsPort, target: "/metrics")
            #expect(scrape.status == .ok)
            #expect(scrape.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
            let samples = try PrometheusSamples(text: scrape.body)
            let health = samples.value(
                of: "suban_rpc_server_calls_total", labels: ["method": "health", "status": "ok"])
            #expect(health == 3)
            #expect(stats.methods.first { $0.method == "health" }.map { Double($0.calls) } == health)
            #expect(
                samples.value(of: "suban_rpc_server_call_duration_seconds_count", labels: ["method": "health"]) == 3)
            #expect(
                samples.value(of: "suban_sqlite_commit_duration_seconds_count", labels: ["database": "routing"]).map {
                    $0 >= 1
                } == true)

            let elsewhere = try await Self.get(port: metricsPort, target: "/")
            #expect(elsewhere.status == .notFound)
        } catch {
            await routing.stop()
            throw error
        }
        #expect(await routing.stop() == 0)
    }

    struct Answer {
        var status: HTTPResponseStatus?
        var contentType: String?
        var body: String
    }

    /// One plain HTTP/1.1 GET, read until the server closes the connection.
    static func get(port: Int, target: String) async throws -> Answer {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target)
            head.headers.add(name: "Host", value: "127.0.0.1:\(port)")
            try await outbound.write(.head(head))
            try await outbound.write(.end(nil))
            var answer = Answer(status: nil, contentType: nil, body: "")
            for try await part in inbound {
                switch part {
                case .head(let response):
                    answer.status = response.status
                    answer.contentType = response.headers.first(name: "Content-Type")
                case .body(let buffer):
                    answer.body += String(buffer: buffer)
                case .end:
                    return answer
                }
            }
            return answer
        }
    }
}

/// The samples of a Prometheus text exposition: `name{label="value",…} number` lines, comments
/// skipped; label values unescaped.
struct PrometheusSamples {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Malformed: Error, CustomStringConvertible {
        var line: String
        var description: String { "not a sample line: \(line)" }
    }

    var samples: [Sample] = []

    init(text: String) throws {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            samples.append(try Self.sample(Substring(line)))
        }
    }

    /// The value of the one sample named `name` with exactly `labels`.
    func value(of name: String, labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    static func sample(_ line: Substring) throws -> Sample {
        var rest = line[...]
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        guard !name.isEmpty else { throw Malformed(line: String(line)) }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = String(rest.prefix { $0 != "=" })
                rest = rest.dropFirst(key.count)
                guard rest.hasPrefix("=\"") else { throw Malformed(line: String(line)) }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    if character == "\\", let escaped = rest.first {
                        rest = rest.dropFirst()
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(character)
                    }
                }
                guard rest.first == "\"" else { throw Malformed(line: String(line)) }
                rest = rest.dropFirst()
                labels[key] = value
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { throw Malformed(line: String(line)) }
            }
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: " ")
        guard let number = fields.first, let value = Double(number) else { throw Malformed(line: String(line)) }
        return Sample(name: name, labels: labels, value: value)
    }
}
