import Foundation

/// A real SMTP server for tests: Python's aiosmtpd on 127.0.0.1, which prints every message it
/// accepts as one JSON line (envelope, decoded subject and body, parsed by Python's own `email`
/// package so that the gateway's encoding is checked by an independent implementation).
public final class SMTPSink: @unchecked Sendable {
    /// One accepted message, as Python's `email` package read it.
    public struct Message: Decodable, Sendable {
        public var from: String
        public var to: [String]
        public var subject: String
        public var body: String
        public var charset: String?
    }

    static let script = #"""
        import asyncio, email, email.policy, json, socket, sys
        from aiosmtpd.controller import Controller
        port = int(sys.argv[1])
        if port == 0:
            s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
        class Handler:
            async def handle_DATA(self, server, session, envelope):
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                print(json.dumps({"from": envelope.mail_from, "to": envelope.rcpt_tos, "subject": str(message["subject"]),
                                  "body": message.get_content(),
                                  "charset": message.get_content_charset()}), flush=True)
                return "250 OK"
        controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        controller.start()
        print("smtp-ready %d" % port, flush=True)
        sys.stdin.read()
        controller.stop()
        """#

    public var port: Int { server.port }
    public var messages: AsyncStream<Message> { server.reports }
    private let server: ReportingProcess<Message>

    private init(_ server: ReportingProcess<Message>) {
        self.server = server
    }

    /// Starts the sink on `port` (0: a free one) and returns once it listens.
    public static func start(port: Int = 0) async throws -> SMTPSink {
        guard let server = try await ReportingProcess<Message>.start(["python3", "-c", script, String(port)]) else {
            throw CocoaError(
                .executableLoad,
                userInfo: [NSLocalizedDescriptionKey: "aiosmtpd did not start: is it installed (scripts/setup.sh)?"])
        }
        return SMTPSink(server)
    }

    /// Stops the server (closing its standard input) and waits for it to exit.
    public func stop() {
        server.stop()
    }
}
