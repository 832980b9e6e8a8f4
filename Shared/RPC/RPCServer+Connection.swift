import Logging
import NIOCore
import ServiceLifecycle
import WireProtocol

extension RPCServer {
    /// Serves one connection until the peer closes it, it breaks the protocol, or the server shuts
    /// down; the calls in flight finish before the connection closes. Never throws: one bad
    /// connection must not take the server down.
    ///
    /// Handlers run on Swift's global executor, not on the connection's event loop: they may block
    /// on SQLite (synchronous=FULL waits for the disk), which must never stall network I/O.
    func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        statistics.connectionOpened()
        defer { statistics.connectionClosed() }
        let peer = connection.channel.remoteAddress.map { "\($0)" } ?? "unknown"
        do {
            try await connection.executeThenClose { inbound, outbound in
                let responses = ResponseWriter(outbound: outbound)
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.serveCalls(from: inbound, to: responses, peer: peer) }
                    group.addTask { await self.drainOnShutdown(connection.channel, responses: responses, peer: peer) }
                    // Reading ends when the peer or the drain closes the connection; the drain then has nothing left to do.
                    await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("rpc.connection.close_failed", metadata: ["rpc.peer": "\(peer)", "error": "\(error)"])
        }
    }

    /// Reads calls until the connection closes. Once the server shuts down, the calls that still
    /// arrive are refused without running them: the peer may have sent them before it heard.
    private func serveCalls(from inbound: NIOAsyncChannelInboundStream<ByteBuffer>, to responses: ResponseWriter, peer: String) async {
        await withDiscardingTaskGroup { calls in
            do {
                for try await frame in inbound {
                    let request = try Self.decodeRequest(frame)
                    guard !isShuttingDown else {
                        await responses.send(Self.frame(refusing: request))
                        continue
                    }
                    calls.addTask {
                        await responses.send(await self.answer(request))
                    }
                }
            } catch {
                logger.debug("rpc.connection.dropped", metadata: ["rpc.peer": "\(peer)", "error": "\(error)"])
            }
        }
    }

    /// On graceful shutdown: tells the peer, which closes the connection once its calls are
    /// answered (`RPCClient` does), so that nothing it sent is left unread and no answer is lost
    /// to a reset. A peer that does not close within the grace period gets a half-close, which
    /// still delivers the answers written so far, and the connection closes a moment later.
    private func drainOnShutdown(_ channel: any Channel, responses: ResponseWriter, peer: String) async {
        do {
            try await gracefulShutdown()
        } catch {
            return  // cancelled: the connection ended first
        }
        beginShutdown()
        await responses.send(Self.shutdownNotice)
        do {
            try await Task.sleep(for: configuration.shutdownGracePeriod)
        } catch {
            return
        }
        logger.notice("rpc.connection.drain_timed_out", metadata: ["rpc.peer": "\(peer)"])
        try? await channel.close(mode: .output)
        try? await Task.sleep(for: min(configuration.shutdownGracePeriod, .seconds(1)))
        channel.close(promise: nil)
    }

    /// A response with call id 0, which no call has: "this server is going away; finish and close".
    /// Clients that predate it ignore it as an answer to no call.
    static let shutdownNotice: ByteBuffer = {
        var frame = ByteBuffer()
        let notice = Envelope(callID: 0, kind: .response, status: .unavailable, statusMessage: shuttingDownMessage)
        frame.writeFrame((try? notice.wireBytes()) ?? [])
        return frame
    }()

    static let shuttingDownMessage = "shutting down; retry"

    private static func frame(refusing request: Envelope) -> ByteBuffer {
        var response = Envelope(callID: request.callID, kind: .response, status: .unavailable, statusMessage: shuttingDownMessage)
        response.headers = [Header(name: Header.traceID, value: traceID(of: request))]
        var frame = ByteBuffer()
        frame.writeFrame((try? response.wireBytes()) ?? [])
        return frame
    }

    /// A frame that is not a request envelope breaks the protocol: without a call id there is
    /// nobody to answer, so the connection is closed.
    private static func decodeRequest(_ frame: ByteBuffer) throws -> Envelope {
        let envelope = try frame.readableBytesView.withUnsafeBytes { bytes in try Envelope(wireBytes: bytes) }
        guard envelope.kind == .request else { throw WireError(.malformed, "a client sent a response envelope") }
        return envelope
    }

    /// The caller's trace id, or a new one: an error answer must always name one.
    static func traceID(of request: Envelope) -> String {
        guard let traceID = request.header(Header.traceID), !traceID.isEmpty else { return TraceID.random() }
        return traceID
    }
}

/// Writes the answers of one connection: concurrent handlers share event-loop hops and flushes.
struct ResponseWriter: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let batcher = WriteBatcher<ByteBuffer>()

    init(outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.outbound = outbound
    }

    func send(_ frame: ByteBuffer) async {
        await batcher.submit(frame) { batch in
            try? await outbound.write(contentsOf: batch)  // the peer may be gone
        }
    }
}
