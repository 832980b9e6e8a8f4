import Foundation
import TestSupport

/// The gateway, intake, routing, SLA and coordination services and the platform simulator (the
/// platform the gateway acknowledges to) on 127.0.0.1, at free ports, on one data folder: started
/// as `scripts/browser/stack.py` starts them, with the system tests' identities (TestIdentity).
struct ServiceStack {
    /// The services measured, in the order they start (the gateway last, as in stack.py).
    static let services = ["routing", "sla", "intake", "coordination", "gateway"]

    let binaries: URL
    let dataDirectory: String
    let logDirectory: String
    let pushKey = "e2e-platform"
    let pushSecret = Self.secret()
    let outboundKey = "e2e-bureau"
    let outboundSecret = Self.secret()
    private(set) var ports: [String: Int] = [:]
    private(set) var gatewayHTTPPort = 0
    private(set) var simulatorPort = 0
    private(set) var running: [LaunchedProcess] = []

    init(binaries: URL, dataDirectory: String, logDirectory: String) {
        self.binaries = binaries
        self.dataDirectory = dataDirectory
        self.logDirectory = logDirectory
    }

    private static func secret() -> String {
        (0..<32).map { _ in String("0123456789abcdef".randomElement() ?? "0") }.joined()
    }

    /// Every process's environment: the caller's without its own SUBAN_ settings, the test trust
    /// and keys, each service's address, and rate limits that no benchmark load reaches (the
    /// shipped 200 a second per app key would answer 429 to what the services could take).
    private var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SUBAN_") }
        environment.merge(TestIdentity.processEnvironment) { $1 }
        environment.merge([
            "SUBAN_DATA_DIR": dataDirectory,
            "SUBAN_LOG_LEVEL": "notice",
            "SUBAN_DIGEST_TIME": "off",
            "SUBAN_GATEWAY_HTTP_HOST": "127.0.0.1",
            "SUBAN_GATEWAY_HTTP_PORT": "\(gatewayHTTPPort)",
            "SUBAN_GATEWAY_PLATFORM_KEYS": "\(pushKey):\(pushSecret)",
            "SUBAN_GATEWAY_PLATFORM_URL": "http://127.0.0.1:\(simulatorPort)",
            "SUBAN_GATEWAY_OUTBOUND_KEY": outboundKey,
            "SUBAN_GATEWAY_OUTBOUND_SECRET": outboundSecret,
            "SUBAN_GATEWAY_RETRY_INITIAL_MS": "200",
            "SUBAN_GATEWAY_RETRY_MAX_MS": "2000",
            "SUBAN_GATEWAY_SOURCE_RATE_PER_MINUTE": "1000000",
            "SUBAN_GATEWAY_SOURCE_BURST": "1000000",
            "SUBAN_GATEWAY_APP_KEY_RATE_PER_MINUTE": "1000000",
            "SUBAN_GATEWAY_APP_KEY_BURST": "1000000",
            "SUBAN_SIMULATOR_GATEWAY_URL": "http://127.0.0.1:\(gatewayHTTPPort)",
            "SUBAN_SIMULATOR_APP_KEY": pushKey,
            "SUBAN_SIMULATOR_SECRET": pushSecret,
            "SUBAN_SIMULATOR_INBOUND_KEYS": "\(outboundKey):\(outboundSecret)",
            "SUBAN_SIMULATOR_HTTP_HOST": "127.0.0.1",
            "SUBAN_SIMULATOR_HTTP_PORT": "\(simulatorPort)",
        ]) { $1 }
        for (service, port) in ports {
            environment["SUBAN_\(service.uppercased())_HOST"] = "127.0.0.1"
            environment["SUBAN_\(service.uppercased())_PORT"] = "\(port)"
        }
        return environment
    }

    /// Picks the ports and starts everything; on a failure stops what it started and rethrows.
    mutating func start() async throws {
        for service in Self.services { ports[service] = try await SystemTestPorts.free() }
        gatewayHTTPPort = try await SystemTestPorts.free()
        simulatorPort = try await SystemTestPorts.free()
        let environment = environment
        do {
            let simulator = try launch(
                "simulator", executable: "suban-platform-simulator", arguments: ["serve"], environment: environment)
            try await simulator.waitForLine(startingWith: "simulator-ready ")
            for service in Self.services {
                let process = try launch(service, executable: "suban-\(service)", environment: environment)
                try await process.waitForLine(startingWith: "ready ")
            }
            try await process("gateway")?.waitForLine(startingWith: "http-ready ")
        } catch {
            await stop()
            throw error
        }
    }

    private mutating func launch(
        _ name: String, executable: String, arguments: [String] = [], environment: [String: String]
    ) throws -> LaunchedProcess {
        let process = try LaunchedProcess(
            name: name, executable: binaries.appendingPathComponent(executable), arguments: arguments,
            environment: environment, logPath: "\(logDirectory)/\(name).log")
        running.append(process)
        return process
    }

    func process(_ name: String) -> LaunchedProcess? { running.first { $0.name == name } }

    /// Every process still running, by name, for a check after the load.
    var exited: [String] { running.filter { !$0.isRunning }.map(\.name) }

    /// Stops the simulator and the gateway first (the edge), then the rest in reverse order of start.
    func stop() async {
        let edge = running.filter { ["simulator", "gateway"].contains($0.name) }
        let rest = running.filter { !["simulator", "gateway"].contains($0.name) }.reversed()
        for process in edge + rest { await process.stop() }
    }
}
