import Logging
import NIOCore

/// Lets go of a connection that stays idle (see `IdleTimeout`): the shutdown notice first, then
/// the close. First in the pipeline, so that every byte counts as activity, also those of a frame
/// still incomplete.
final class IdleTimeoutHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let idleTimeout: IdleTimeout
    private let calls: ConnectionCalls
    private let logger: Logger
    private var lastRead = NIODeadline.uptimeNanoseconds(0)
    private var check: Scheduled<Void>?
    private var announcedAt: NIODeadline?

    init(timeout: TimeAmount, grace: TimeAmount, calls: ConnectionCalls, logger: Logger) {
        self.idleTimeout = IdleTimeout(timeout: timeout, grace: grace)
        self.calls = calls
        self.logger = logger
    }

    // The loop's clock rather than NIODeadline.now(): the same in production, and one a test can advance.
    func handlerAdded(context: ChannelHandlerContext) {
        lastRead = context.eventLoop.now
        schedule(at: lastRead + idleTimeout.timeout, context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastRead = context.eventLoop.now
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
        context.fireChannelInactive()
    }

    private func schedule(at deadline: NIODeadline, context: ChannelHandlerContext) {
        check = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.checkIdle(context: context)
        }
    }

    private func checkIdle(context: ChannelHandlerContext) {
        let action = idleTimeout.check(
            now: context.eventLoop.now, lastRead: lastRead, lastCallEnded: calls.lastEnded, callsRunning: calls.count,
            announcedAt: announcedAt
        )
        switch action {
        case .checkAgain(let deadline):
            schedule(at: deadline, context: context)
        case .announce(let deadline):
            announcedAt = context.eventLoop.now
            context.writeAndFlush(NIOAny(RPCServer.idleNotice), promise: nil)
            schedule(at: deadline, context: context)
        case .close:
            check = nil
            logger.debug(
                "rpc.connection.idle_closed",
                metadata: ["rpc.peer": "\(context.channel.remoteAddress.map { "\($0)" } ?? "unknown")"]
            )
            context.close(promise: nil)
        }
    }
}
