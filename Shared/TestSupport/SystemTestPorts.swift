import NIOCore
import NIOPosix

/// Ports and waits for tests that start several processes.
public enum SystemTestPorts {
    public struct NoFreePort: Error {}

    /// A port nothing listens on right now, for processes that must know each other's address
    /// before either starts. Drawn below Linux's ephemeral range (32768 and up), so that the many
    /// servers other tests start on port 0 cannot be handed it before our process binds it.
    public static func free() async throws -> Int {
        for _ in 0..<50 {
            let port = Int.random(in: 20_000...29_999)
            guard let channel = try? await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
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
