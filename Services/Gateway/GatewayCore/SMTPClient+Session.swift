import NIOCore

extension SMTPClient {
    /// One conversation: reads replies (possibly multi-line, `250-…` then `250 …`) line by line.
    struct Session {
        var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending: [UInt8] = []

        /// What the server announced in its EHLO reply (RFC 5321 §4.1.1.1), keywords upper-cased.
        struct Extensions: Equatable {
            var keywords: [String: [String]] = [:]

            init(replyLines: [String]) {
                // The first line names the server; each following one is a keyword and its parameters.
                for line in replyLines.dropFirst() {
                    let words = line.split(separator: " ").map(String.init)
                    guard let keyword = words.first else { continue }
                    keywords[keyword.uppercased()] = Array(words.dropFirst())
                }
            }

            var offersStartTLS: Bool { keywords["STARTTLS"] != nil }
            /// `nil` when the server does not offer AUTH at all.
            var authenticationMechanisms: [String]? { keywords["AUTH"]?.map { $0.uppercased() } }
        }

        mutating func hello(_ clientName: String) async throws -> Extensions {
            try await outbound.write(ByteBuffer(string: "EHLO \(clientName)\r\n"))
            return Extensions(replyLines: try await expect([250], after: "EHLO"))
        }

        /// Sends `line`; a failure names the command as `description` says (never a credential).
        @discardableResult
        mutating func command(_ line: String, describedAs description: String? = nil, expect codes: Int...) async throws
            -> [String]
        {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
            // Log-safe: the command names addresses of staff, never callers' data.
            return try await expect(codes, after: description ?? String(line.prefix(60)))
        }

        mutating func expect(_ code: Int, after command: String) async throws {
            try await expect([code], after: command)
        }

        /// Bytes the server sent beyond its last reply (only legal with pipelining, which this client never asks for).
        var hasUnreadBytes: Bool { !pending.isEmpty }

        @discardableResult
        private mutating func expect(_ codes: [Int], after command: String) async throws -> [String] {
            let (code, lines) = try await readReply()
            guard codes.contains(code) else {
                throw Failure(
                    description: "\(command) → \(code) \(lines.joined(separator: " "))",
                    permanent: (500..<600).contains(code))
            }
            return lines
        }

        private mutating func readReply() async throws -> (Int, [String]) {
            var lines: [String] = []
            while true {
                let line = try await readLine()
                guard line.count >= 3, let code = Int(line.prefix(3)) else {
                    throw Failure(description: "bad SMTP reply: \(line.prefix(80))", permanent: false)
                }
                lines.append(String(line.dropFirst(4)))
                if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return (code, lines) }
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
                guard pending.count < 4096 else {
                    throw Failure(description: "SMTP reply line too long", permanent: false)
                }
                guard let buffer = try await inbound.next() else {
                    throw Failure(description: "the SMTP server closed the connection", permanent: false)
                }
                pending += buffer.readableBytesView
            }
        }
    }
}
