import Foundation
import TestSupport

/// The real SMTP server of `Tests/SMTPFixture/smtp_server.py` (aiosmtpd with STARTTLS and AUTH) on
/// 127.0.0.1 and a free port, for one test; what it saw is read back as events once it stops.
final class SecureSMTPServer: Sendable {
    /// One JSON line of the fixture: an AUTH command, a login's outcome, or an accepted message.
    struct Event: Decodable, Sendable {
        var event: String
        var tls: Bool?
        var mechanism: String?
        var login: String?
        var success: Bool?
        var from: String?
        var to: [String]?
        var subject: String?
    }

    struct Options {
        /// Certificate chain and key for STARTTLS; without them the server does not offer it.
        var certificate: (chain: String, key: String)?
        var user = "notifier"
        var password = "correct horse battery"
        /// Offers AUTH without TLS, as a careless relay would.
        var plainAuthentication = false
        /// Not aiosmtpd but a hostile server that slips a clear-text reply in after its `220` to STARTTLS.
        var injectsAfterStartTLS = false
    }

    /// Whether these tests can run here: they need Python's aiosmtpd and the openssl CLI.
    static func toolsAreInstalled() async -> Bool {
        guard await succeeds(["python3", "-c", "import aiosmtpd"]) else { return false }
        return await succeeds(["openssl", "version"])
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SMTPFixture/smtp_server.py").path

    var port: Int { server.port }
    private let server: ReportingProcess<Event>

    private init(_ server: ReportingProcess<Event>) {
        self.server = server
    }

    /// Runs `body` with a server started as `options` say, stops it (also when `body` throws) and
    /// returns what `body` returned and everything the server saw.
    static func run<Result: Sendable>(
        _ options: Options, _ body: (SecureSMTPServer) async throws -> Result
    ) async throws -> (Result, [Event]) {
        let server = try await start(options)
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body(server))
        } catch {
            outcome = .failure(error)
        }
        let events = await server.stop()
        return (try outcome.get(), events)
    }

    private static func start(_ options: Options) async throws -> SecureSMTPServer {
        var arguments = ["python3", script, "--user", options.user, "--password", options.password]
        if let certificate = options.certificate {
            arguments += ["--cert", certificate.chain, "--key", certificate.key]
        }
        if options.plainAuthentication { arguments.append("--plain-auth") }
        if options.injectsAfterStartTLS { arguments.append("--inject-after-starttls") }
        guard let server = try await ReportingProcess<Event>.start(arguments) else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(script) did not start"])
        }
        return SecureSMTPServer(server)
    }

    /// Closes the server's standard input, waits for it to exit and returns every event it printed.
    private func stop() async -> [Event] {
        server.stop()
        var all: [Event] = []
        for await event in server.reports { all.append(event) }
        return all
    }

    private static func succeeds(_ arguments: [String]) async -> Bool {
        (try? await runProgram(URL(fileURLWithPath: "/usr/bin/env"), arguments))?.status == 0
    }
}

extension [SecureSMTPServer.Event] {
    var messages: [SecureSMTPServer.Event] { filter { $0.event == "message" } }
    var authCommands: [SecureSMTPServer.Event] { filter { $0.event == "auth-command" } }
    var logins: [SecureSMTPServer.Event] { filter { $0.event == "auth" } }
}
