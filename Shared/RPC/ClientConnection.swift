import NIOCore

/// One open connection of an `RPCClient`: its channel, and the batcher that lets concurrent
/// callers share event-loop hops and flushes.
final class ClientConnection: Sendable {
    let channel: any Channel
    private let outgoing = WriteBatcher<OutgoingCall>()

    init(channel: any Channel) {
        self.channel = channel
    }

    var isActive: Bool { channel.isActive }

    func send(_ call: OutgoingCall) {
        outgoing.submit(call) {
            channel.eventLoop.execute { [outgoing, channel] in
                for call in outgoing.takeAll() {
                    channel.write(call, promise: nil)
                }
                channel.flush()
            }
        }
    }
}
