import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) for the gateway's notifications: EHLO, then STARTTLS (RFC 3207)
/// and AUTH PLAIN or LOGIN (RFC 4954) when configured, MAIL FROM, RCPT TO, DATA with
/// dot-stuffing, QUIT, one connection per message.
///
/// Credentials go out only inside TLS whose certificate chains to a trusted root and names the
/// host, unless the configuration says plainly that this relay may have them in clear.
struct SMTPClient: Sendable {
    struct Configuration: Sendable {
        var host: String
        var port: Int
        /// The name this client gives in EHLO.
        var clientName = "suban-gateway"
        var timeout: Duration = .seconds(30)
        var security = Security.none
        /// The account to log in with; no AUTH when `nil`.
        var credentials: Credentials?
        /// A PEM file of certificates trusted besides the system's roots: a bureau's own authority.
        var trustRootsFile: String?
        /// Lets `credentials` go out without TLS (`SUBAN_SMTP_ALLOW_PLAIN_AUTH=1`).
        var allowsPlainAuthentication = false
    }

    /// How the session is protected (`SUBAN_SMTP_TLS`).
    enum Security: String, Sendable, CaseIterable {
        /// STARTTLS before anything but EHLO is said; a server that does not offer it gets nothing.
        case starttls
        /// Clear text: a relay that takes mail from the gateway's host without login.
        case none
    }

    struct Credentials: Sendable {
        var user: String
        var password: String
        /// `nil`: PLAIN when the server offers it, else LOGIN.
        var mechanism: AuthenticationMechanism?
    }

    enum AuthenticationMechanism: String, Sendable, CaseIterable {
        case plain = "PLAIN"
        case login = "LOGIN"
    }

    /// A failed delivery; `permanent` when the server refused for good (5xx), `connected` unless
    /// the server could not be reached at all.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        var permanent: Bool
        var connected = true
    }

    let configuration: Configuration
    let eventLoopGroup: any EventLoopGroup
    /// Built once (loading the system's roots is not free); `nil` without STARTTLS.
    private let tlsContext: Result<NIOSSLContext, Failure>?

    init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        switch configuration.security {
        case .none:
            tlsContext = nil
        case .starttls:
            do {
                tlsContext = .success(try Self.makeTLSContext(trustingAlso: configuration.trustRootsFile))
            } catch {
                tlsContext = .failure(Failure(description: "cannot set up TLS for SMTP: \(error)", permanent: false))
            }
        }
    }

    /// Sends `message` (a rendered RFC 5322 message, CRLF line ends) from `sender` to `recipients`.
    func send(from sender: String, to recipients: [String], message: [UInt8]) async throws(Failure) {
        let tlsContext = try self.tlsContext?.get()
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(.seconds(5))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Failure(
                description: "cannot connect to \(configuration.host):\(configuration.port): \(error)",
                permanent: false, connected: false)
        }
        let configuration = self.configuration
        let timeout = configuration.timeout
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await channel.executeThenClose { inbound, outbound in
                        var session = Session(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                        try await session.expect(220, after: "connecting")
                        var extensions = try await session.hello(configuration.clientName)
                        if let tlsContext {
                            extensions = try await session.startTLS(
                                on: channel.channel, context: tlsContext, host: configuration.host, offered: extensions,
                                clientName: configuration.clientName
                            )
                        }
                        if let credentials = configuration.credentials {
                            // Checked here too, not only in the configuration: a clear-text login must be asked for.
                            guard tlsContext != nil || configuration.allowsPlainAuthentication else {
                                throw Failure(
                                    description:
                                        "refusing to send SMTP credentials without TLS (SUBAN_SMTP_TLS=starttls, or SUBAN_SMTP_ALLOW_PLAIN_AUTH=1)",
                                    permanent: false
                                )
                            }
                            try await session.authenticate(credentials, offered: extensions)
                        }
                        try await session.command("MAIL FROM:<\(sender)>", expect: 250)
                        for recipient in recipients {
                            try await session.command("RCPT TO:<\(recipient)>", expect: 250, 251)
                        }
                        try await session.command("DATA", expect: 354)
                        try await outbound.write(ByteBuffer(bytes: Self.dotStuffed(message)))
                        try await session.expect(250, after: "DATA end")
                        _ = try? await session.command("QUIT", expect: 221)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    channel.channel.close(promise: nil)
                    throw Failure(description: "the SMTP session took longer than \(timeout)", permanent: false)
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "SMTP session failed: \(error)", permanent: false)
        }
    }

    /// The DATA payload: a `.` at the start of a line doubled (RFC 5321 §4.5.2), CRLF line ends,
    /// and the terminating `<CRLF>.<CRLF>`.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 16)
        var atLineStart = true
        for byte in message {
            if atLineStart, byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !(output.suffix(2) == [13, 10]) { output += [13, 10] }
        output += Array(".\r\n".utf8)
        return output
    }
}
