import Instrumentation
import Logging
import NIOCore
import Tracing
import WireProtocol

extension RPCServer {
    /// Runs the call and sends its answer: the handler's, or `deadline_exceeded` as soon as the
    /// call's deadline passes. Then the call's task is cancelled and the handler's late result
    /// dropped; this returns once the handler has ended, so that the call counts as running until then.
    ///
    /// The deadline is watched by the connection's event-loop timer (`CallDeadlines`) rather than
    /// a sleeping task, so the answer goes out on time even when a handler ignores cancellation.
    func answer(_ request: Envelope, deadlines: CallDeadlines, to responses: ResponseWriter) async {
        let started = NIODeadline.now()
        let call = CallSpan(
            method: request.method, kind: .server, parent: request.traceContext(tracer: tracer), tracer: tracer)
        let traceID = call.traceID
        guard let handler = router.handler(for: request.method) else {
            let error = RPCError(.unimplemented, "unknown method \"\(request.method)\"")
            await responses.send(frame(answering: request, with: .failure(error), started: started, call: call))
            return
        }
        let deadline = started + timeout(of: request)
        guard deadline > NIODeadline.now() else {
            let error = RPCError(.deadlineExceeded, "deadline passed before \(request.method) started")
            await responses.send(frame(answering: request, with: .failure(error), started: started, call: call))
            return
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

        // The handler runs in the call's context: its logs, its own calls and what it writes to
        // an outbox continue the caller's trace.
        await ServiceContext.withValue(call.context) {
            await run(
                handler, for: request, context: context, until: deadline, watchedBy: deadlines, answering: responses,
                started: started, call: call)
        }
    }

    private func run(
        _ handler: @escaping RPCRouter.RawHandler,
        for request: Envelope,
        context: ServerContext,
        until deadline: NIODeadline,
        watchedBy deadlines: CallDeadlines,
        answering responses: ResponseWriter,
        started: NIODeadline,
        call: CallSpan
    ) async {
        let logger = context.logger
        let race = DeadlineRace {
            let error = RPCError(.deadlineExceeded, "deadline passed while \(request.method) ran")
            await responses.send(self.frame(answering: request, with: .failure(error), started: started, call: call))
            logger.debug("rpc.call.deadline_exceeded")
        }
        let watch = deadlines.watch(race, until: deadline)
        guard let result = await race.run({ try await handler(request.body, context) }) else { return }
        deadlines.unwatch(watch)
        await responses.send(frame(answering: request, with: result, started: started, call: call))
    }

    /// How long the caller waits: its `timeout-ms` header, clamped so that no value can overflow
    /// the deadline's arithmetic, or the configured default.
    private func timeout(of request: Envelope) -> TimeAmount {
        guard let text = request.header(Header.timeoutMilliseconds), let milliseconds = Int64(text) else {
            return TimeAmount(configuration.defaultTimeout)
        }
        return .milliseconds(min(max(0, milliseconds), Self.longestTimeoutMilliseconds))
    }

    /// A day: no call waits longer.
    static let longestTimeoutMilliseconds: Int64 = 86_400_000

    /// The response frame for a call's outcome. Errors reach the wire here and only here:
    /// `RPCErrorConvertible` ones as they say (their cause logged, never sent), others through the
    /// `errorTranslator`, else as a generic internal error; every error answer names the call's trace id.
    private func frame(
        answering request: Envelope, with result: Result<[UInt8], any Error>, started: NIODeadline, call: CallSpan
    ) -> ByteBuffer {
        let traceID = call.traceID
        var response = Envelope(callID: request.callID, kind: .response)
        defer { call.end(status: response.status, message: response.statusMessage) }
        switch result {
        case .success(let body):
            response.body = body
        case .failure(let error as any RPCErrorConvertible):
            let status = error.rpcError
            response.status = status.code
            response.statusMessage = status.message
            response.fieldViolations = status.fieldViolations
            if let cause = status.cause {
                // The caller sees the status and the trace id; what lies underneath stays here.
                logger.notice(
                    "rpc.call.failed",
                    metadata: [
                        "rpc.method": "\(request.method)", "trace.id": "\(traceID)", "rpc.status": "\(status.code)",
                        "error.cause": "\(String(reflecting: cause))",
                    ]
                )
            }
        case .failure(let error):
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
        statistics.record(
            method: metricsLabel(of: request.method), nanoseconds: (NIODeadline.now() - started).nanoseconds,
            status: response.status)

        var frame = ByteBuffer()
        do {
            let bytes = try response.wireBytes()
            frame.reserveCapacity(FrameDecoder.headerLength + bytes.count)
            frame.writeFrame(bytes)
        } catch {
            // Only an embedded NUL in a status message gets here; answer without it.
            let fallback = Envelope(
                callID: request.callID, kind: .response, status: .internal,
                statusMessage: "internal error (trace id \(traceID))",
                headers: [Header(name: Header.traceID, value: traceID)]
            )
            frame.writeFrame((try? fallback.wireBytes()) ?? [])
        }
        return frame
    }
}
