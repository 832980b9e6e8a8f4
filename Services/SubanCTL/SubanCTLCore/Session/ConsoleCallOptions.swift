import ArgumentParser
import Foundation
import Logging
import RPC
import ServiceDirectory
import WireProtocol

/// The options of the session and account commands: where the console is, how long to wait, how to
/// print, and the session file that carries the person's sign-in from one command to the next.
struct ConsoleCallOptions: ParsableArguments {
    /// Why a command cannot go on (nobody signed in, the two new passwords differ), as one line.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    @OptionGroup var connection: ServiceConnection

    @Option(help: "Output format: table or json.")
    var output: OutputFormat = .table

    var sessionFile: SessionFile { SessionFile(environment: ProcessInfo.processInfo.environment) }

    /// The stored session token, or a refusal telling the person to sign in.
    func requireToken() throws -> String {
        guard let token = try sessionFile.load() else { throw Refusal(description: ConsoleSession.notSignedIn.message) }
        return token
    }

    /// Calls `method` on the console as the holder of `session` (none for signing in). When the
    /// console no longer knows the session, the session file is removed: it is of no more use.
    func call<Request: WireMessage, Response: WireMessage>(
        _ method: MethodDescriptor<Request, Response>,
        _ request: Request,
        session: String?,
        timeout: Duration? = nil
    ) async throws -> Response {
        let (client, address) = try connection.consoleClient()
        defer { client.closeWithoutWaiting() }
        let headers = session.map { [Header(name: Header.session, value: $0)] } ?? []
        do {
            return try await client.call(method, request, timeout: timeout, headers: headers)
        } catch {
            if error.code == .unauthenticated && session != nil {
                try? sessionFile.remove()
            }
            throw CommandFailure(error: error, service: .console, address: address)
        }
    }

    /// Calls `method` with the stored session, waiting `timeout` instead of `--timeout-ms` if given.
    func call<Request: WireMessage, Response: WireMessage>(
        _ method: MethodDescriptor<Request, Response>,
        _ request: Request,
        timeout: Duration? = nil
    ) async throws -> Response {
        try await call(method, request, session: try requireToken(), timeout: timeout)
    }
}

extension ServiceConnection {
    /// A client of the console at the address the options and environment give, failing at once
    /// when it is down: a person is waiting.
    func consoleClient() throws -> (RPCClient, ServiceAddress) {
        let address: ServiceAddress
        do {
            address = try targets.address(of: .console, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error)")
        }
        let client = client(at: address)
        return (client, address)
    }
}
