import Logging
import NIOCore
import WireProtocol

/// One call on its way out: its frame, its caller waiting for the answer, and when to give up.
/// Whoever takes the call out of the handler's (or the connection's) hands resumes its caller, once.
struct OutgoingCall: Sendable {
    var callID: UInt64
    var frame: ByteBuffer
    var response: UnsafeContinuation<Envelope, any Error>
    var deadline: NIODeadline
}

/// A call whose connection closed before any byte of it was written: sending it again on a new
/// connection is safe, the server never saw it.
struct CallNotSent: Error {}

/// Matches responses to calls by call id, fails calls whose deadline passes, and fails every
/// call in flight when the connection goes away.
///
/// One timer watches all the calls' deadlines, set for the earliest: a timer per call cost a heap
/// insert, a closure and, on the answer, a search of the loop's timer heap, for every call.
///
/// When the server announces its shutdown (a response with call id 0), the connection takes no
/// new calls and closes itself once the calls in flight are answered: closing first is what lets
/// the server close without losing an answer or leaving a call unread.
final class RPCClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = OutgoingCall
    typealias OutboundOut = ByteBuffer

    private struct Pending {
        var response: UnsafeContinuation<Envelope, any Error>
        var deadline: NIODeadline
    }

    private var pending: [UInt64: Pending] = [:]
    /// The timer for the earliest deadline of the calls pending when it was set.
    private var deadlineCheck: (deadline: NIODeadline, task: Scheduled<Void>)?
    private let logger: Logger
    private let draining: DrainingFlag

    init(logger: Logger, draining: DrainingFlag) {
        self.logger = logger
        self.draining = draining
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let call = unwrapOutboundIn(data)
        guard context.channel.isActive else {
            call.response.resume(throwing: CallNotSent())
            promise?.fail(CallNotSent())
            return
        }
        pending[call.callID] = Pending(response: call.response, deadline: call.deadline)
        if deadlineCheck.map({ call.deadline < $0.deadline }) ?? true {
            checkDeadlines(at: call.deadline, context: context)
        }
        context.write(wrapOutboundOut(call.frame), promise: promise)
    }

    private func checkDeadlines(at deadline: NIODeadline, context: ChannelHandlerContext) {
        deadlineCheck?.task.cancel()
        let task = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.failCallsPastDeadline(checkedAt: deadline, context: context)
        }
        deadlineCheck = (deadline, task)
    }

    /// Fails the calls whose deadline has come and sets the timer for the earliest left.
    private func failCallsPastDeadline(checkedAt deadline: NIODeadline, context: ChannelHandlerContext) {
        deadlineCheck = nil
        // The timer fired because its deadline came; the loop's clock may say more.
        let now = max(deadline, context.eventLoop.now)
        var due: [UInt64] = []
        var earliest: NIODeadline?
        for (callID, call) in pending {
            if call.deadline <= now {
                due.append(callID)
            } else if earliest.map({ call.deadline < $0 }) ?? true {
                earliest = call.deadline
            }
        }
        for callID in due {
            fail(callID: callID, with: RPCError(.deadlineExceeded, "no response before the deadline"))
        }
        if let earliest { checkDeadlines(at: earliest, context: context) }
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
        call.response.resume(returning: envelope)
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
        pending.removeValue(forKey: callID)?.response.resume(throwing: error)
    }

    private func failAll(with error: RPCError) {
        let calls = pending
        pending.removeAll()
        deadlineCheck?.task.cancel()
        deadlineCheck = nil
        for call in calls.values {
            call.response.resume(throwing: error)
        }
    }
}
