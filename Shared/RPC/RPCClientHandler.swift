import Logging
import NIOCore
import WireProtocol

/// One call on its way out: its frame, the promise its caller waits on, and when to give up.
struct OutgoingCall: Sendable {
    var callID: UInt64
    var frame: ByteBuffer
    var response: EventLoopPromise<Envelope>
    var deadline: NIODeadline
}

/// A call whose connection closed before any byte of it was written: sending it again on a new
/// connection is safe, the server never saw it.
struct CallNotSent: Error {}

/// Matches responses to calls by call id, fails calls whose deadline passes, and fails every
/// call in flight when the connection goes away.
///
/// When the server announces its shutdown (a response with call id 0), the connection takes no
/// new calls and closes itself once the calls in flight are answered: closing first is what lets
/// the server close without losing an answer or leaving a call unread.
final class RPCClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = OutgoingCall
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        var response: EventLoopPromise<Envelope>
        var timeout: Scheduled<Void>
    }

    private var pending: [UInt64: Pending] = [:]
    private let logger: Logger
    private let draining: DrainingFlag

    init(logger: Logger, draining: DrainingFlag) {
        self.logger = logger
        self.draining = draining
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let call = unwrapOutboundIn(data)
        guard context.channel.isActive else {
            call.response.fail(CallNotSent())
            promise?.fail(CallNotSent())
            return
        }
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(deadline: call.deadline) {
            self.fail(callID: call.callID, with: RPCError(.deadlineExceeded, "no response before the deadline"))
        }
        pending[call.callID] = Pending(response: call.response, timeout: timeout)
        context.write(wrapOutboundOut(call.frame), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let envelope: Envelope
        do {
            envelope = try frame.readableBytesView.withUnsafeBytes { try Envelope(wireBytes: $0) }
            guard envelope.kind == .response else { throw WireError(.malformed, "the server sent a request") }
        } catch {
            // A server that breaks the protocol cannot be trusted with the other calls either.
            failAll(with: RPCError(.internal, "undecodable response from server: \(error)"))
            context.close(promise: nil)
            return
        }
        if envelope.callID == 0 {
            logger.debug(
                "rpc.client.server_shutting_down",
                metadata: ["rpc.peer": "\(context.channel.remoteAddress.map { "\($0)" } ?? "unknown")"])
            draining.set()
            closeIfDrained(context: context)
            return
        }
        guard let call = pending.removeValue(forKey: envelope.callID) else {
            logger.debug("rpc.client.late_response", metadata: ["rpc.call_id": "\(envelope.callID)"])
            return  // answered after its deadline: the caller has already been told
        }
        call.timeout.cancel()
        call.response.succeed(envelope)
        closeIfDrained(context: context)
    }

    private func closeIfDrained(context: ChannelHandlerContext) {
        if draining.isSet && pending.isEmpty { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(with: RPCError(.unavailable, "connection closed before the response arrived"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(with: RPCError(.unavailable, "connection failed: \(error)"))
        context.close(promise: nil)
    }

    private func fail(callID: UInt64, with error: RPCError) {
        pending.removeValue(forKey: callID)?.response.fail(error)
    }

    private func failAll(with error: RPCError) {
        let calls = pending
        pending.removeAll()
        for call in calls.values {
            call.timeout.cancel()
            call.response.fail(error)
        }
    }
}
