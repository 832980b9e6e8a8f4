import NIOCore
import WireProtocol

extension RPCServer {
    /// What becomes of a frame read from a connection.
    enum Admission {
        /// A request whose handler runs in a task; counted in the connection's calls.
        case run(Envelope, RPCRouter.RawHandler)
        /// A request answered where it was read: an immediate handler's, or an unknown method's.
        case runImmediately(Envelope, RPCRouter.ImmediateRawHandler)
        /// The answer to a call refused without running: malformed, too many in flight, or
        /// arrived during shutdown. The connection goes on.
        case refuse(ByteBuffer)
    }

    /// A frame nobody can be answered for: the connection is closed.
    struct ProtocolViolation: Error, CustomStringConvertible {
        var description: String
    }

    /// Decides what to do with `frame`; throws `ProtocolViolation` when it is not a request
    /// envelope with a call id.
    func admit(_ frame: ByteBuffer, calls: ConnectionCalls, peer: String) throws -> Admission {
        let request: Envelope
        switch try Self.decodeRequest(frame) {
        case .request(let decoded):
            request = decoded
        case .badStrings(let callID, let problem):
            return .refuse(malformed(callID: callID, problem, peer: peer))
        }
        if let problem = RequestShape.violation(of: request) {
            return .refuse(malformed(callID: request.callID, problem, peer: peer))
        }
        guard !isShuttingDown else {
            return .refuse(Self.frame(failing: request, RPCError(.unavailable, Self.shuttingDownMessage)))
        }
        switch router.handler(for: request.method) {
        case .immediate(let handler):
            return .runImmediately(request, handler)
        case nil:
            return .runImmediately(request, Self.unknownMethod)
        case .task(let handler):
            guard calls.start() else {
                let error = RPCError(
                    .resourceExhausted, "more than \(calls.limit) calls in flight on this connection; retry")
                return .refuse(Self.frame(failing: request, error))
            }
            return .run(request, handler)
        }
    }

    private static let unknownMethod: RPCRouter.ImmediateRawHandler = { _, context in
        throw RPCError(.unimplemented, "unknown method \"\(context.method)\"")
    }

    private func malformed(callID: UInt64, _ problem: String, peer: String) -> ByteBuffer {
        protocolViolations.record(problem, peer: peer, closesConnection: false)
        // A fresh trace id: the caller's own header may be the malformed part.
        return Self.frame(
            failing: callID, traceID: TraceID.random(), RPCError(.invalidArgument, "malformed request: \(problem)"))
    }

    /// The answer to a call that fails without running: its status, and its trace id.
    static func frame(failing request: Envelope, _ error: RPCError) -> ByteBuffer {
        frame(failing: request.callID, traceID: traceID(of: request), error)
    }

    static func frame(failing callID: UInt64, traceID: String, _ error: RPCError) -> ByteBuffer {
        let response = Envelope(
            callID: callID, kind: .response, status: error.code, statusMessage: error.message,
            headers: [Header(name: Header.traceID, value: traceID)]
        )
        var frame = ByteBuffer()
        frame.writeFrame((try? response.wireBytes()) ?? [])
        return frame
    }

    private enum Decoded {
        case request(Envelope)
        /// A request whose method or headers hold a NUL or bad UTF-8: it fails alone.
        case badStrings(callID: UInt64, problem: String)
    }

    private static func decodeRequest(_ frame: ByteBuffer) throws -> Decoded {
        try frame.readableBytesView.withUnsafeBytes { bytes in
            let envelope: Envelope
            do throws(WireError) {
                envelope = try Envelope(wireBytes: bytes)
            } catch {
                if error.code == .embeddedNUL || error.code == .invalidUTF8,
                    let callID = Envelope.callID(ofRequestWithBadStrings: bytes), callID != 0
                {
                    return .badStrings(callID: callID, problem: error.description)
                }
                throw ProtocolViolation(description: "undecodable envelope: \(error)")
            }
            guard envelope.kind == .request else {
                throw ProtocolViolation(description: "a client sent a response envelope")
            }
            // Call id 0 names no call: an answer to it would read as the server's shutdown notice.
            guard envelope.callID != 0 else { throw ProtocolViolation(description: "a request without a call id") }
            return .request(envelope)
        }
    }
}
