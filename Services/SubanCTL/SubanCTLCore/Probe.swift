import ArgumentParser
import Foundation
import Logging
import RPC
import ServiceDirectory
import WireProtocol

/// `subanctl probe`: asks every service (or the named ones) for `health` and `stats`.
struct Probe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that services answer; exits non-zero when any is unreachable."
    )

    @Argument(help: "Services to probe (default: all six).")
    var services: [ServiceName] = []

    @OptionGroup var targets: ServiceTargets

    @Option(help: "Output format: table or json.")
    var output: OutputFormat = .table

    @Option(name: .customLong("timeout-ms"), help: "How long to wait for each service, in milliseconds.")
    var timeoutMilliseconds: Int = 2000

    func validate() throws {
        guard (1...600_000).contains(timeoutMilliseconds) else {
            throw ValidationError("--timeout-ms must be between 1 and 600000")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let chosen = services.isEmpty ? ServiceName.allCases : services
        var addresses: [(ServiceName, ServiceAddress)] = []
        for service in chosen {
            do {
                addresses.append((service, try targets.address(of: service, environment: environment)))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let timeout = Duration.milliseconds(timeoutMilliseconds)
        let results = await withTaskGroup(of: ProbeResult.self) { group in
            for (service, address) in addresses {
                group.addTask { await ProbeResult.probe(service, at: address, timeout: timeout) }
            }
            return await group.reduce(into: []) { $0.append($1) }.sorted { $0.service < $1.service }
        }

        switch output {
        case .table: print(ProbeResult.table(results))
        case .json: print(try ProbeResult.json(results))
        }
        let failures = results.compactMap { result in result.failure.map { (result.service, $0) } }
        for (service, failure) in failures {
            FileHandle.standardError.write(Data("\(service.rawValue): \(failure)\n".utf8))
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
