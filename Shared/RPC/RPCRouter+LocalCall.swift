import Instrumentation
public import Logging
import NIOCore
import Traces
public import WireProtocol

extension RPCRouter {
    /// Calls one of this router's methods in-process, as a client over the wire would: the request
    /// and response are encoded, the handler sees `headers` and a deadline, and a failure arrives as
    /// the `RPCError` the wire would carry. For a service's own edge that uses its own methods (the
    /// console's web pages), so that one set of checks guards both ways in.
    public func call<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        _ request: Request,
        as response: Response.Type = Response.self,
        headers: [Header] = [],
        timeout: Duration = .seconds(10),
        logger: Logger
    ) async throws(RPCError) -> Response {
        guard let handler = handler(for: method) else {
            throw RPCError(.unimplemented, "unknown method \"\(method)\"")
        }
        // The caller's trace (a console page's request) when there is one, else a new trace id.
        let traceID = ServiceContext.current?.callTraceID ?? TraceID.random()
        var logger = logger
        logger[metadataKey: "rpc.method"] = "\(method)"
        logger[metadataKey: "trace.id"] = "\(traceID)"
        let context = ServerContext(
            method: method, callID: 0, deadline: .now() + TimeAmount(timeout), traceID: traceID, logger: logger,
            headers: headers
        )
        do {
            return try Response(wireBytes: try await handler.run(try request.wireBytes(), context))
        } catch let error as any RPCErrorConvertible {
            var status = error.rpcError
            if let cause = status.cause {
                logger.notice(
                    "rpc.call.failed",
                    metadata: ["rpc.status": "\(status.code)", "error.cause": "\(String(reflecting: cause))"]
                )
            }
            status.cause = nil  // as over the wire: the cause stays in this side's log
            status.traceID = status.traceID ?? traceID
            throw status
        } catch {
            logger.error("rpc.local_call.failed", metadata: ["error": "\(String(reflecting: error))"])
            var error = RPCError(.internal, "internal error (trace id \(traceID))")
            error.traceID = traceID
            throw error
        }
    }
}
