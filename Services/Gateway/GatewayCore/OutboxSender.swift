import Logging
import ServiceLifecycle

/// Runs one outbox's deliveries as a `Service`: delivers what is due whenever something was
/// enqueued or retried (a ring) and on every tick, which is what brings back entries whose backoff
/// ran out and entries left from before a restart.
final class OutboxSender: Service, Sendable {
    let name: String
    let tick: Duration
    let doorbell = Doorbell()
    private let deliverDue: @Sendable () async -> Void

    init(name: String, tick: Duration, deliverDue: @escaping @Sendable () async -> Void) {
        self.name = name
        self.tick = tick
        self.deliverDue = deliverDue
    }

    /// Tells the sender that an entry became due.
    func wakeUp() { doorbell.ring() }

    func run() async {
        let doorbell = doorbell
        let tick = tick
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: tick)
                        doorbell.ring()
                    }
                }
                doorbell.ring()
                for await _ in doorbell.rings {
                    await deliverDue()
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            doorbell.finish()
        }
    }
}
