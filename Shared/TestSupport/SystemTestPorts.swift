import NIOCore
import NIOPosix
import Synchronization

/// Ports and waits for tests that start several processes.
public enum SystemTestPorts {
    public struct NoFreePort: Error {}

    /// The ports handed out in this test process: never twice, so that two tests cannot both be
    /// given a port before either binds it, nor a port a killed service is about to bind again.
    private static let handedOut = Mutex(Set<Int>())

    /// A port nothing listens on right now, for processes that must know each other's address
    /// before either starts. Drawn below Linux's ephemeral range (32768 and up), so that the many
    /// servers other tests start on port 0 cannot be handed it before our process binds it.
    public static func free() async throws -> Int {
        for _ in 0..<50 {
            let port = Int.random(in: 20_000...29_999)
            guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            guard
                let channel = try? await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .bind(host: "127.0.0.1", port: port).get()
            else { continue }
            try await channel.close()
            return port
        }
        throw NoFreePort()
    }
}

/// Re-checks `condition` until it holds, for work other processes do in the background
/// (outboxes, the SLA scheduler); returns false after about `seconds` (20 by default).
public func eventually(within seconds: Int = 20, _ condition: () async throws -> Bool) async throws -> Bool {
    for _ in 0..<(seconds * 20) {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return false
}
