import NIOCore
import NIOPosix

/// A small SMTP client (RFC 5321) for the gateway's notifications: EHLO, MAIL FROM, RCPT TO,
/// DATA with dot-stuffing, QUIT, one connection per message.
///
/// No TLS or AUTH: the bureau's relay takes mail from the gateway's host. AUTH PLAIN would go
/// between EHLO and MAIL FROM (`AUTH PLAIN base64(\0user\0password)`, expect 235) when the EHLO
/// reply lists it; the reply reader below already handles the multi-line EHLO answer it needs.
struct SMTPClient: Sendable {
    struct Configuration: Sendable {
        var host: String
        var port: Int
        /// The name this client gives in EHLO.
        var clientName = "suban-gateway"
        var timeout: Duration = .seconds(30)
    }

    /// A failed delivery; `permanent` when the server refused for good (5xx), `connected` unless
    /// the server could not be reached at all.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        var permanent: Bool
        var connected = true
    }

    let configuration: Configuration
    var eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    /// Sends `message` (a rendered RFC 5322 message, CRLF line ends) from `sender` to `recipients`.
    func send(from sender: String, to recipients: [String], message: [UInt8]) async throws(Failure) {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(.seconds(5))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
                }
        } catch {
            throw Failure(description: "cannot connect to \(configuration.host):\(configuration.port): \(error)", permanent: false, connected: false)
        }
        let clientName = configuration.clientName
        let timeout = configuration.timeout
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await channel.executeThenClose { inbound, outbound in
                        var session = Session(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                        try await session.expect(220)
                        try await session.command("EHLO \(clientName)", expect: 250)
                        try await session.command("MAIL FROM:<\(sender)>", expect: 250)
                        for recipient in recipients {
                            try await session.command("RCPT TO:<\(recipient)>", expect: 250, 251)
                        }
                        try await session.command("DATA", expect: 354)
                        try await outbound.write(ByteBuffer(bytes: Self.dotStuffed(message)))
                        try await session.expect(250)
                        try? await session.command("QUIT", expect: 221)
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

    /// One conversation: reads replies (possibly multi-line, `250-…` then `250 …`) line by line.
    struct Session {
        var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending: [UInt8] = []

        mutating func command(_ line: String, expect codes: Int...) async throws {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
            try await expect(codes, after: line)
        }

        mutating func expect(_ codes: Int...) async throws {
            try await expect(codes, after: "DATA end")
        }

        private mutating func expect(_ codes: [Int], after command: String) async throws {
            let (code, text) = try await readReply()
            guard codes.contains(code) else {
                // Log-safe: the command names addresses of staff, never callers' data.
                throw Failure(description: "\(command.prefix(60)) → \(code) \(text)", permanent: (500..<600).contains(code))
            }
        }

        private mutating func readReply() async throws -> (Int, String) {
            var lines: [String] = []
            while true {
                let line = try await readLine()
                guard line.count >= 3, let code = Int(line.prefix(3)) else { throw Failure(description: "bad SMTP reply: \(line.prefix(80))", permanent: false) }
                lines.append(String(line.dropFirst(4)))
                if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return (code, lines.joined(separator: " ")) }
            }
        }

        private mutating func readLine() async throws -> String {
            while true {
                if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(pending[..<newline])
                    pending.removeSubrange(...newline)
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                guard pending.count < 4096 else { throw Failure(description: "SMTP reply line too long", permanent: false) }
                guard let buffer = try await inbound.next() else { throw Failure(description: "the SMTP server closed the connection", permanent: false) }
                pending += buffer.readableBytesView
            }
        }
    }
}
