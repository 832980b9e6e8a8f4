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
                await withGracefulShutdownHandler {
                    await serveCalls(from: inbound, to: outbound, peer: peer)
                } onGracefulShutdown: {
                    // Stop reading new calls; those in flight are still answered.
                    connection.channel.close(mode: .input, promise: nil)
                }
            }
        } catch {
            logger.debug("rpc.connection.close_failed", metadata: ["rpc.peer": "\(peer)", "error": "\(error)"])
        }
    }

    private func serveCalls(
        from inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        peer: String
    ) async {
        let responses = WriteBatcher<ByteBuffer>()
        await withDiscardingTaskGroup { calls in
            do {
                for try await frame in inbound {
                    let request = try Self.decodeRequest(frame)
                    calls.addTask {
                        let response = await self.answer(request)
                        await responses.submit(response) { batch in
                            try? await outbound.write(contentsOf: batch)  // the peer may be gone
                        }
                    }
                }
            } catch {
                logger.debug("rpc.connection.dropped", metadata: ["rpc.peer": "\(peer)", "error": "\(error)"])
            }
        }
    }

    /// A frame that is not a request envelope breaks the protocol: without a call id there is
    /// nobody to answer, so the connection is closed.
    private static func decodeRequest(_ frame: ByteBuffer) throws -> Envelope {
        let envelope = try frame.readableBytesView.withUnsafeBytes { bytes in try Envelope(wireBytes: bytes) }
        guard envelope.kind == .request else { throw WireError(.malformed, "a client sent a response envelope") }
        return envelope
    }

    /// Runs the call and returns its response frame.
    private func answer(_ request: Envelope) async -> ByteBuffer {
        let started = NIODeadline.now()
        var response = Envelope(callID: request.callID, kind: .response)
        let traceID = request.header(Header.traceID) ?? ""
        do {
            response.body = try await dispatch(request, started: started, traceID: traceID)
        } catch let error as any RPCErrorConvertible {
            let status = error.rpcError
            response.status = status.code
            response.statusMessage = status.message
            response.fieldViolations = status.fieldViolations
        } catch {
            logger.error(
                "rpc.handler.failed",
                metadata: ["rpc.method": "\(request.method)", "trace.id": "\(traceID)", "error": "\(String(reflecting: error))"]
            )
            response.status = .internal
            response.statusMessage = "internal error (trace id \(traceID))"
        }
        let elapsed = (NIODeadline.now() - started).nanoseconds / 1000
        statistics.record(method: request.method, microseconds: UInt64(max(0, elapsed)), failed: response.status != .ok)

        var frame = ByteBuffer()
        do {
            let bytes = try response.wireBytes()
            frame.reserveCapacity(FrameDecoder.headerLength + bytes.count)
            frame.writeFrame(bytes)
        } catch {
            // Only an embedded NUL in a status message gets here; answer without it.
            let fallback = Envelope(callID: request.callID, kind: .response, status: .internal, statusMessage: "internal error")
            frame.writeFrame((try? fallback.wireBytes()) ?? [])
        }
        return frame
    }

    private func dispatch(_ request: Envelope, started: NIODeadline, traceID: String) async throws -> [UInt8] {
        guard let handler = router.handler(for: request.method) else {
            throw RPCError(.unimplemented, "unknown method \"\(request.method)\"")
        }
        let timeout = request.header(Header.timeoutMilliseconds).flatMap { Int64($0) }.map { TimeAmount.milliseconds($0) }
            ?? TimeAmount.nanoseconds(Int64(configuration.defaultTimeout.microseconds) * 1000)
        let deadline = started + timeout
        guard deadline > NIODeadline.now() else {
            throw RPCError(.deadlineExceeded, "deadline passed before \(request.method) started")
        }
        var logger = self.logger
        logger[metadataKey: "rpc.method"] = "\(request.method)"
        logger[metadataKey: "rpc.call_id"] = "\(request.callID)"
        logger[metadataKey: "trace.id"] = "\(traceID)"
        let context = ServerContext(
            method: request.method,
            callID: request.callID,
            deadline: deadline,
            traceID: traceID,
            logger: logger
        )
        return try await handler(request.body, context)
    }
}
