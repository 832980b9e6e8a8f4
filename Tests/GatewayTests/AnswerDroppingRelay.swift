import NIOCore
import NIOPosix
import RPC
import Synchronization
import TestSupport
import Testing

/// A TCP relay between the gateway and a fake intake that loses an answer when told to: it passes
/// the gateway's calls on, and after `dropNextAnswer()` it closes both connections when the next
/// answer comes back instead of passing it on. Intake did the work; the gateway only sees its connection drop, as it does
/// when intake is killed between its commit and its answer.
final class AnswerDroppingRelay: Sendable {
    let port: Int
    private let upstreamPort = Atomic<Int>(0)
    private let dropsNextAnswer = Atomic<Bool>(false)

    private init(port: Int) {
        self.port = port
    }

    /// Runs a relay on 127.0.0.1:0 for the duration of `body`, and always stops it.
    static func run(_ body: (AnswerDroppingRelay) async throws -> Void) async throws {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let relay = AnswerDroppingRelay(port: try #require(listener.channel.localAddress?.port))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await listener.executeThenClose { callers in
                        for try await caller in callers { connections.addTask { await relay.relay(caller) } }
                    }
                }
            }
            defer { group.cancelAll() }
            try await body(relay)
        }
    }

    func dropNextAnswer() {
        dropsNextAnswer.store(true, ordering: .sequentiallyConsistent)
    }

    /// A client of intake at `intakePort` that goes through this relay; fits `GatewayFixture.run(intakeClient:)`.
    func client(toIntakeAt intakePort: Int) -> RPCClient {
        upstreamPort.store(intakePort, ordering: .sequentiallyConsistent)
        return makeTestClient(port: port)
    }

    private func relay(_ caller: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        do {
            let upstream = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: upstreamPort.load(ordering: .sequentiallyConsistent)) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            try await caller.executeThenClose { fromCaller, toCaller in
                try await upstream.executeThenClose { fromUpstream, toUpstream in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { for try await bytes in fromCaller { try await toUpstream.write(bytes) } }
                        group.addTask {
                            for try await bytes in fromUpstream {
                                // Leaving closes both sides: the answer is lost.
                                if self.dropsNextAnswer.exchange(false, ordering: .sequentiallyConsistent) { return }
                                try await toCaller.write(bytes)
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
            }
        } catch {
            // A connection the test no longer needs; the caller sees it closed.
        }
    }
}
