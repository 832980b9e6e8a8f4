import NIOCore
import Synchronization

/// One open connection of an `RPCClient`: its channel, and the batcher that lets concurrent
/// callers share event-loop hops and flushes.
final class ClientConnection: Sendable {
    let channel: any Channel
    let draining: DrainingFlag
    private let outgoing = WriteBatcher<OutgoingCall>()

    init(channel: any Channel, draining: DrainingFlag) {
        self.channel = channel
        self.draining = draining
    }

    /// Whether new calls may use this connection: not once its server said it is shutting down.
    var isActive: Bool { channel.isActive && !draining.isSet }

    func send(_ call: OutgoingCall) {
        outgoing.submit(call) {
            channel.eventLoop.execute { [outgoing, channel] in
                // Closed since it was chosen (an idle or shutdown notice): nothing of these calls left.
                guard channel.isActive else {
                    for call in outgoing.takeAll() { call.response.resume(throwing: CallNotSent()) }
                    return
                }
                for call in outgoing.takeAll() {
                    channel.write(call, promise: nil)
                }
                channel.flush()
            }
        }
    }
}

/// Set by the connection's handler when the server announces its shutdown, read by callers
/// choosing a connection.
final class DrainingFlag: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() {
        value.store(true, ordering: .releasing)
    }
}
