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
    func answer(
        _ request: Envelope, with handler: @escaping RPCRouter.RawHandler, deadlines: CallDeadlines,
        to responses: ResponseWriter
    ) async {
        let start = CallStart(request, tracer: tracer)
        guard let context = serverContext(for: request, start) else {
            await responses.send(frameForPassedDeadline(request, start))
            return
        }
        // The handler runs in the call's context: its logs, its own calls and what it writes to
        // an outbox continue the caller's trace.
        await ServiceContext.withValue(start.call.context) {
            await run(handler, for: request, context: context, watchedBy: deadlines, answering: responses, start)
        }
    }

    /// Runs an immediate handler (`RPCRouter.registerImmediate`) where the call was read, on the
    /// event loop, and returns its answer. It cannot be interrupted, so its deadline is checked
    /// only before it starts.
    func answerImmediately(_ request: Envelope, with handler: RPCRouter.ImmediateRawHandler) -> ByteBuffer {
        let start = CallStart(request, tracer: tracer)
        guard let context = serverContext(for: request, start) else {
            return frameForPassedDeadline(request, start)
        }
        let result = ServiceContext.withValue(start.call.context) {
            Result { try handler(request.body, context) }
        }
        return frame(answering: request, with: result, start)
    }

    /// When a call began and the server span recording it.
    struct CallStart {
        var started: NIODeadline
        var call: CallSpan

        init(_ request: Envelope, tracer: any Tracer) {
            started = NIODeadline.now()
            call = CallSpan(
                method: request.method, kind: .server, parent: request.traceContext(tracer: tracer), tracer: tracer)
        }
    }

    /// What the handler learns of its call, or nil when the call's deadline has already passed.
    private func serverContext(for request: Envelope, _ start: CallStart) -> ServerContext? {
        let deadline = start.started + timeout(of: request)
        guard deadline > NIODeadline.now() else { return nil }
        let traceID = start.call.traceID
        var logger = self.logger
        logger[metadataKey: "rpc.method"] = "\(request.method)"
        logger[metadataKey: "rpc.call_id"] = "\(request.callID)"
        logger[metadataKey: "trace.id"] = "\(traceID)"
        return ServerContext(
            method: request.method,
            callID: request.callID,
            deadline: deadline,
            traceID: traceID,
            logger: logger,
            headers: request.headers
        )
    }

    private func frameForPassedDeadline(_ request: Envelope, _ start: CallStart) -> ByteBuffer {
        let error = RPCError(.deadlineExceeded, "deadline passed before \(request.method) started")
        return frame(answering: request, with: .failure(error), start)
    }

    private func run(
        _ handler: @escaping RPCRouter.RawHandler,
        for request: Envelope,
        context: ServerContext,
        watchedBy deadlines: CallDeadlines,
        answering responses: ResponseWriter,
        _ start: CallStart
    ) async {
        let logger = context.logger
        let race = DeadlineRace {
            let error = RPCError(.deadlineExceeded, "deadline passed while \(request.method) ran")
            await responses.send(self.frame(answering: request, with: .failure(error), start))
            logger.debug("rpc.call.deadline_exceeded")
        }
        let watch = deadlines.watch(race, until: context.deadline)
        guard let result = await race.run({ try await handler(request.body, context) }) else { return }
        deadlines.unwatch(watch)
        await responses.send(frame(answering: request, with: result, start))
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
    private func frame(answering request: Envelope, with result: Result<[UInt8], any Error>, _ start: CallStart)
        -> ByteBuffer
    {
        let call = start.call
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
            method: metricsLabel(of: request.method), nanoseconds: (NIODeadline.now() - start.started).nanoseconds,
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
