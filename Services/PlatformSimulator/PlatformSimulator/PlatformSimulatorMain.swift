import ArgumentParser
import Foundation
import Logging
import PlatformAdapter
import PlatformSimulatorCore
import ServiceLifecycle
import UnixSignals

/// `suban-platform-simulator`: plays the city 12345 platform against a running gateway.
@main
struct PlatformSimulatorMain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suban-platform-simulator",
        abstract: "Play the 12345 platform against a running Suban gateway (docs/platform-api.md).",
        subcommands: [Demo.self, Load.self, Serve.self, PushArticle.self]
    )
}

/// Options every mode shares; each falls back to an environment variable, so secrets need not
/// appear on a command line.
struct SimulatorOptions: ParsableArguments {
    @Option(help: "The gateway's base URL (SUBAN_SIMULATOR_GATEWAY_URL).") var gateway: String?
    @Option(name: .customLong("app-key"), help: "App key of pushes (SUBAN_SIMULATOR_APP_KEY).") var appKey: String?
    @Option(help: "Its secret (SUBAN_SIMULATOR_SECRET).") var secret: String?
    @Option(
        name: .customLong("inbound-keys"),
        help: "key:secret pairs the gateway signs with (SUBAN_SIMULATOR_INBOUND_KEYS).") var inboundKeys: String?
    @Option(help: "Address to listen on (SUBAN_SIMULATOR_HTTP_HOST, default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on, 0 for a free one (SUBAN_SIMULATOR_HTTP_PORT, default 9090).") var port: Int?
    @Option(help: "Review policy: accept or send-back-first.") var review = "accept"
    @Option(help: "Callback outcome: satisfied, basically_satisfied, dissatisfied or unreachable.") var callback =
        "satisfied"
    @Option(help: "Seed of the order templates.") var seed: UInt64 = 20_210_080
    @Option(help: "Attempts per push, the first included: refused connections, timeouts, 408, 429 and 5xx are retried.")
    var attempts = 10
    @Option(name: .customLong("retry-initial-ms"), help: "First backoff between attempts; it doubles, with jitter.")
    var retryInitialMs = 200
    @Option(
        name: .customLong("retry-max-ms"),
        help: "Longest backoff between attempts (a longer Retry-After is honoured up to 30 s).") var retryMaxMs = 5_000
    @Option(name: .customLong("timeout-ms"), help: "How long one attempt may take before it counts as unanswered.")
    var timeoutMs = 10_000

    func makeConfiguration() throws -> SimulatorConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let url = gateway ?? environment["SUBAN_SIMULATOR_GATEWAY_URL"] ?? "http://127.0.0.1:8080"
        guard let endpoint = HTTPEndpoint(url) else {
            throw ValidationError("--gateway \(url) is not http://host[:port][/path]")
        }
        guard let appKey = appKey ?? environment["SUBAN_SIMULATOR_APP_KEY"], !appKey.isEmpty,
            let secret = secret ?? environment["SUBAN_SIMULATOR_SECRET"], !secret.isEmpty
        else {
            throw ValidationError(
                "give the push key: --app-key and --secret, or SUBAN_SIMULATOR_APP_KEY and SUBAN_SIMULATOR_SECRET")
        }
        let inbound: PlatformCredentials
        do {
            inbound = try PlatformCredentials(parsing: inboundKeys ?? environment["SUBAN_SIMULATOR_INBOUND_KEYS"] ?? "")
        } catch {
            throw ValidationError("--inbound-keys: \(error.description)")
        }
        var configuration = SimulatorConfiguration(
            gateway: endpoint, appKey: appKey, secret: secret, inboundCredentials: inbound)
        configuration.host = host ?? environment["SUBAN_SIMULATOR_HTTP_HOST"] ?? "127.0.0.1"
        let portText = port.map(String.init) ?? environment["SUBAN_SIMULATOR_HTTP_PORT"] ?? "9090"
        guard let parsedPort = Int(portText), (0...65535).contains(parsedPort) else {
            throw ValidationError("port \(portText) is not in 0...65535")
        }
        configuration.port = parsedPort
        guard let policy = SimulatorConfiguration.ReviewPolicy(rawValue: review) else {
            throw ValidationError("--review must be accept or send-back-first")
        }
        configuration.reviewPolicy = policy
        guard ["satisfied", "basically_satisfied", "dissatisfied", "unreachable"].contains(callback) else {
            throw ValidationError("--callback must be satisfied, basically_satisfied, dissatisfied or unreachable")
        }
        configuration.callbackOutcome = callback
        configuration.seed = seed
        guard (1...1_000).contains(attempts) else { throw ValidationError("--attempts must be in 1...1000") }
        guard retryInitialMs >= 1, retryMaxMs >= retryInitialMs else {
            throw ValidationError("--retry-initial-ms must be at least 1 and at most --retry-max-ms")
        }
        guard timeoutMs >= 1 else { throw ValidationError("--timeout-ms must be at least 1") }
        configuration.retry = PushRetryPolicy(
            attempts: attempts, initialDelay: .milliseconds(retryInitialMs), maximumDelay: .milliseconds(retryMaxMs),
            timeout: .milliseconds(timeoutMs))
        return configuration
    }

    /// Prints `key=value` of the effective configuration, secrets masked.
    func printConfiguration(_ configuration: SimulatorConfiguration) {
        printLine(
            "config gateway=\(configuration.gateway) app_key=\(configuration.appKey) secret=\(PlatformCredentials.mask(configuration.secret)) inbound_keys=\(configuration.inboundCredentials) attempts=\(configuration.retry.attempts) retry=\(configuration.retry.initialDelay)..\(configuration.retry.maximumDelay) timeout=\(configuration.retry.timeout)"
        )
    }
}

/// Unbuffered, so that a test or script reading the pipe sees each line at once.
func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The simulator's server and its responder as services of one group, stopped by SIGTERM/SIGINT.
func runServing(_ simulator: PlatformSimulator, then script: (@Sendable () async -> Void)? = nil) async throws {
    let logger = Logger(label: "suban.platform-simulator") { _ in SwiftLogNoOpLogHandler() }
    let server = SimulatorService {
        try await simulator.runServer(logger: logger) { host, port in printLine("simulator-ready \(host):\(port)") }
    }
    let responder = SimulatorService {
        await withGracefulShutdownHandler {
            await simulator.runResponder()
        } onGracefulShutdown: {
            simulator.finishResponder()
        }
    }
    var services: [any Service] = [server, responder]
    if let script {
        services.append(
            SimulatorService {
                await script()
                try? await gracefulShutdown()
            })
    }
    let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    )
    try await group.run()
}

struct SimulatorService: Service {
    let body: @Sendable () async throws -> Void
    func run() async throws { try await body() }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the platform side: receive the gateway's calls and answer them; control API under /sim.")
    @OptionGroup var options: SimulatorOptions

    func run() async throws {
        let configuration = try options.makeConfiguration()
        options.printConfiguration(configuration)
        try await runServing(PlatformSimulator(configuration: configuration, output: printLine))
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Push a handful of orders and events, then keep serving the platform side.")
    @OptionGroup var options: SimulatorOptions

    func run() async throws {
        let configuration = try options.makeConfiguration()
        options.printConfiguration(configuration)
        let simulator = PlatformSimulator(configuration: configuration, output: printLine)
        try await runServing(simulator) {
            _ = await SimulatorScripts.demo(simulator)
            printLine("demo: pushed; still serving the platform side (Ctrl-C to stop)")
            // Keep serving: the script's service ends only with the group.
            try? await gracefulShutdown()
        }
    }
}

struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Push COUNT orders at RATE per second and print what came back.")
    @OptionGroup var options: SimulatorOptions
    @Option(help: "Orders per second.") var rate: Double = 10
    @Option(help: "How many orders.") var count: Int = 100
    @Option(help: "Write the final outcome of every push to this file, one JSON object a line.") var results: String?

    func validate() throws {
        guard rate > 0, rate <= 10_000 else { throw ValidationError("--rate must be in (0, 10000]") }
        guard (1...1_000_000).contains(count) else { throw ValidationError("--count must be in 1...1000000") }
    }

    func run() async throws {
        let configuration = try options.makeConfiguration()
        options.printConfiguration(configuration)
        let simulator = PlatformSimulator(configuration: configuration, output: printLine)
        let summary = await SimulatorScripts.load(simulator, rate: rate, count: count)
        if let results {
            let lines = simulator.ledger.entries.map { String(decoding: $0.json.encoded(), as: UTF8.self) + "\n" }
                .joined()
            guard FileManager.default.createFile(atPath: results, contents: Data(lines.utf8)) else {
                printLine("load: could not write \(results)")
                throw ExitCode(1)
            }
        }
        if summary.failed > 0 { throw ExitCode(1) }
    }
}

struct PushArticle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push-article",
        abstract:
            "Share one of the platform's knowledge-base articles with the bureau (or retire it with --retire) and print the answer."
    )
    @OptionGroup var options: SimulatorOptions
    @Option(help: "The platform's article id: 1 to 64 of A-Z a-z 0-9 _ -.") var id: String
    @Option(name: .customLong("article-version"), help: "The article's version; a re-push of one changes nothing.")
    var articleVersion = 1
    @Option var question = ""
    @Option var answer = ""
    @Option(name: .customLong("basis"), help: "The policy it rests on.") var policyBasis = ""
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
    @Option(name: .customLong("valid-from"), help: "YYYY-MM-DD") var validFrom = ""
    @Option(name: .customLong("valid-to"), help: "YYYY-MM-DD") var validTo = ""
    @Flag(help: "Retire the article instead of publishing it.") var retire = false

    func validate() throws {
        guard articleVersion >= 1 else { throw ValidationError("--article-version must be 1 or more") }
        if !retire, question.isEmpty || answer.isEmpty {
            throw ValidationError("give --question and --answer, or --retire")
        }
    }

    func run() async throws {
        let configuration = try options.makeConfiguration()
        let simulator = PlatformSimulator(configuration: configuration, output: printLine)
        let result =
            retire
            ? await simulator.retireArticle(id, version: articleVersion)
            : await simulator.pushArticle(
                PlatformSimulator.SharedArticle(
                    id: id, version: articleVersion, question: question, answer: answer, policyBasis: policyBasis,
                    tags: tags,
                    validFrom: validFrom, validTo: validTo))
        if !(200..<300).contains(result.status) { throw ExitCode(1) }
    }
}
