/// Wakes a delivery loop: rings coalesce (a loop that is busy sees one ring, not a queue of them),
/// and finishing ends the loop.
struct Doorbell: Sendable {
    let rings: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (rings, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func ring() { continuation.yield() }

    func finish() { continuation.finish() }
}
