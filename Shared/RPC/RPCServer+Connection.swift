import Logging
import NIOCore
import ServiceLifecycle
import Traces
import Tracing
import WireProtocol

extension RPCServer {
    /// Serves one connection until the peer closes it, it breaks the protocol, or the server shuts
    /// down; the calls in flight finish before the connection closes. Never throws: one bad
    /// connection must not take the server down.
    ///
    /// Handlers run on Swift's global executor, not on the connection's event loop: they may block
    /// on SQLite (synchronous=FULL waits for the disk), which must never stall network I/O. Only
    /// those registered as immediate, which compute on memory alone, are answered on the loop.
    func serve(_ connection: Connection) async {
        statistics.connectionOpened()
        defer { statistics.connectionClosed() }
        let channel = connection.channel.channel
        let peer = connection.peer
        do {
            try await connection.channel.executeThenClose { inbound, outbound in
                let responses = ResponseWriter(outbound: outbound)
                let deadlines = CallDeadlines(eventLoop: channel.eventLoop)
                defer { deadlines.close() }
                let reader = CallReader(calls: connection.calls, responses: responses, deadlines: deadlines, peer: peer)
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await self.serveCalls(from: inbound, reader) }
                    group.addTask { await self.drainOnShutdown(channel, responses: responses, peer: peer) }
                    // Reading ends when the peer or the drain closes the connection; the drain then has nothing left to do.
                    await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            logger.debug("rpc.connection.close_failed", metadata: ["rpc.peer": "\(peer)", "error": "\(error)"])
        }
    }

    /// What the reading loop of one connection works with.
    struct CallReader: Sendable {
        var calls: ConnectionCalls
        var responses: ResponseWriter
        var deadlines: CallDeadlines
        var peer: String
    }

    /// Runs the calls the event loop admitted (`CallAdmissionHandler`) until the connection closes
    /// or its peer breaks the protocol; the calls already running are answered either way.
    private func serveCalls(from inbound: NIOAsyncChannelInboundStream<AdmittedFrame>, _ reader: CallReader) async {
        await withDiscardingTaskGroup { calls in
            do {
                for try await admitted in inbound {
                    switch admitted {
                    case .call(let request, let handler):
                        calls.addTask {
                            await self.answer(
                                request, with: handler, deadlines: reader.deadlines, to: reader.responses)
                            reader.calls.end()
                        }
                    case .violation(let description):
                        protocolViolations.record(description, peer: reader.peer, closesConnection: true)
                        return
                    }
                }
            } catch let tooLarge as FrameDecoder.FrameTooLargeError {
                protocolViolations.record(tooLarge.description, peer: reader.peer, closesConnection: true)
            } catch {
                logger.debug("rpc.connection.dropped", metadata: ["rpc.peer": "\(reader.peer)", "error": "\(error)"])
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
    static let shutdownNotice = notice(shuttingDownMessage)

    /// The same notice for a connection idle too long (`IdleTimeout`): the server stays.
    static let idleNotice = notice("idle connection closing; reconnect")

    private static func notice(_ message: String) -> ByteBuffer {
        var frame = ByteBuffer()
        let notice = Envelope(callID: 0, kind: .response, status: .unavailable, statusMessage: message)
        frame.writeFrame((try? notice.wireBytes()) ?? [])
        return frame
    }

    static let shuttingDownMessage = "shutting down; retry"

    /// The caller's trace id, or a new one: an error answer must always name one.
    static func traceID(of request: Envelope) -> String {
        request.traceContext(tracer: NoOpTracer()).callTraceID ?? TraceID.random()
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
