import Logging
import NIOCore
import WireProtocol

extension RPCServer {
    /// Runs the call and returns its response frame. Errors reach the wire here and only here:
    /// `RPCErrorConvertible` ones as they say, others through the `errorTranslator`, else as a
    /// generic internal error; every error answer names the call's trace id.
    func answer(_ request: Envelope) async -> ByteBuffer {
        let started = NIODeadline.now()
        var response = Envelope(callID: request.callID, kind: .response)
        let traceID = Self.traceID(of: request)
        do {
            response.body = try await dispatch(request, started: started, traceID: traceID)
        } catch let error as any RPCErrorConvertible {
            let status = error.rpcError
            response.status = status.code
            response.statusMessage = status.message
            response.fieldViolations = status.fieldViolations
        } catch {
            let translated = errorTranslator?(error)
            var metadata: Logger.Metadata = [
                "rpc.method": "\(request.method)", "trace.id": "\(traceID)", "error": "\(String(reflecting: error))",
            ]
            metadata.merge(translated?.metadata ?? [:]) { _, new in new }
            logger.error("rpc.handler.failed", metadata: metadata)
            response.status = translated?.error.code ?? .internal
            response.statusMessage = "\(translated?.error.message ?? "internal error") (trace id \(traceID))"
        }
        if response.status != .ok {
            response.headers = [Header(name: Header.traceID, value: traceID)]
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
            let fallback = Envelope(
                callID: request.callID, kind: .response, status: .internal, statusMessage: "internal error (trace id \(traceID))",
                headers: [Header(name: Header.traceID, value: traceID)]
            )
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
            logger: logger,
            headers: request.headers
        )
        return try await handler(request.body, context)
    }
}
