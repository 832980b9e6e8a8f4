import NIOCore

extension MetricsServer {
    /// Closes a scrape connection that stays silent (no request, or a request never finished):
    /// with `IdleStateHandler` in front of it, a peer that opens connections and sends nothing
    /// cannot keep them, nor their tasks, open until shutdown.
    final class IdleClose: ChannelInboundHandler, Sendable {
        typealias InboundIn = NIOAny

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if event is IdleStateHandler.IdleStateEvent {
                context.close(promise: nil)
            } else {
                context.fireUserInboundEventTriggered(event)
            }
        }
    }
}
