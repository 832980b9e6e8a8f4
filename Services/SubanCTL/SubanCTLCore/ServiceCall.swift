import ArgumentParser
import Foundation
import Logging
import RPC
import ServiceDirectory
import WireProtocol

/// Options every command that talks to a service shares: where the services are, how long to
/// wait, and how to print.
struct ServiceCallOptions: ParsableArguments {
    @OptionGroup var connection: ServiceConnection

    @Option(help: "Output format: table or json.")
    var output: OutputFormat = .table

    func call<Request: WireMessage, Response: WireMessage>(
        _ service: ServiceName,
        _ method: MethodDescriptor<Request, Response>,
        _ request: Request
    ) async throws -> Response {
        try await connection.call(service, method, request)
    }
}

/// Where the services are and how long to wait for them.
struct ServiceConnection: ParsableArguments {
    @OptionGroup var targets: ServiceTargets
    @OptionGroup var signing: Signing

    @Option(name: .customLong("timeout-ms"), help: "How long to wait for the service, in milliseconds.")
    var timeoutMilliseconds: Int = 10_000

    func validate() throws {
        guard (1...600_000).contains(timeoutMilliseconds) else {
            throw ValidationError("--timeout-ms must be between 1 and 600000")
        }
    }

    /// Calls `method` on `service` and turns a failure into one clear line and a non-zero exit.
    func call<Request: WireMessage, Response: WireMessage>(
        _ service: ServiceName,
        _ method: MethodDescriptor<Request, Response>,
        _ request: Request
    ) async throws -> Response {
        let environment = ProcessInfo.processInfo.environment
        let address: ServiceAddress
        do {
            address = try targets.address(of: service, environment: environment)
        } catch {
            throw ValidationError("\(error)")
        }
        let client = try client(
            at: address, credentials: signing.credentials(environment: environment, connection: self))
        defer { client.closeWithoutWaiting() }
        do {
            return try await client.call(method, request)
        } catch {
            throw CommandFailure(error: error, service: service, address: address)
        }
    }

    /// A client of the service at `address` that fails at once when nothing listens there.
    func client(at address: ServiceAddress, credentials: (any CallCredentials)? = nil) -> RPCClient {
        RPCClient.peer(
            at: address, credentials: credentials, timeout: .milliseconds(timeoutMilliseconds),
            logger: Logger(label: "subanctl") { _ in SwiftLogNoOpLogHandler() }
        )
    }
}

/// A service's refusal or absence, printed as one line (plus one per field violation).
struct CommandFailure: Error, CustomStringConvertible {
    var error: RPCError
    var service: ServiceName
    var address: ServiceAddress

    var description: String {
        var text =
            error.code == .unavailable
            ? "\(service.rawValue) unreachable at \(address): \(error.message)"
            : "\(error.code): \(error.message)"
        for violation in error.fieldViolations {
            text += "\n  \(violation.field): \(violation.message)"
        }
        return TerminalText.escaped(text)  // a refusal may quote what it refused
    }
}
