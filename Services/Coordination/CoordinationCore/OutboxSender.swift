import Domain
import Foundation
import GRDB
import Logging
import RPC
import ServiceKit
import ServiceLifecycle
import WireProtocol

/// Delivers the outbox: one lane per destination, so that a gateway outage never holds up the SLA clocks or the
/// reply to intake. Each lane wakes when a change enqueued something (or every few seconds), sends its messages in
/// order, deletes each once the receiver answered, and backs off while the receiver is down. A compiled reply's
/// outcome is written back to its case.
final class OutboxSender: Service {
    private struct Lane: Sendable {
        var destination: ServiceName
        var client: RPCClient
        var wakeUps: AsyncStream<Void>
        var continuation: AsyncStream<Void>.Continuation
    }

    private let database: DatabasePool
    private let lanes: [Lane]
    private let logger: Logger

    /// A sender with one client per destination; messages for a destination without a client stay in the outbox.
    init(database: DatabasePool, clients: [ServiceName: RPCClient], logger: Logger) {
        self.database = database
        self.logger = logger
        lanes = clients.sorted { $0.key < $1.key }.map { destination, client in
            let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            return Lane(destination: destination, client: client, wakeUps: stream, continuation: continuation)
        }
    }

    /// Tells the sender that something was enqueued.
    func wakeUp() {
        for lane in lanes { lane.continuation.yield() }
    }

    func run() async {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for lane in lanes {
                    group.addTask { await self.run(lane) }
                    // A periodic tick covers messages left from before a restart.
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: .seconds(2))
                            lane.continuation.yield()
                        }
                    }
                }
                wakeUp()
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: { [lanes] in
            for lane in lanes { lane.continuation.finish() }
        }
    }

    private func run(_ lane: Lane) async {
        var backoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(10))
        for await _ in lane.wakeUps {
            while let delivered = try? await deliverBatch(lane), delivered > 0 {
                backoff.reset()
            }
            if hasPending(lane.destination) {
                try? await Task.sleep(for: backoff.delayAfterFailure())
                lane.continuation.yield()
            }
        }
    }

    private func hasPending(_ destination: ServiceName) -> Bool {
        let pending = try? database.read { db in try Outbox.pending(to: destination, limit: 1, in: db) }
        return pending?.isEmpty == false
    }

    /// Sends a lane's pending messages in order; stops at the first that fails, so that order is kept.
    private func deliverBatch(_ lane: Lane) async throws -> Int {
        let batch = try await database.read { try Outbox.pending(to: lane.destination, limit: 100, in: $0) }
        var delivered = 0
        for entry in batch {
            let message = entry.message
            do {
                _ = try await lane.client.callRaw(message.method, body: message.body, timeout: .seconds(5))
            } catch let error where Self.isFinal(error) {
                // The receiver will never accept it: keep it aside, visibly, but do not block the rest.
                logger.error(
                    "outbox.message.rejected",
                    metadata: ["outbox.id": "\(entry.id)", "rpc.method": "\(message.method)", "case.id": "\(message.caseID ?? "-")", "error": "\(error)"]
                )
                try await database.write { db in
                    try Outbox.reject(entry.id, because: "\(error)", in: db)
                    if message.purpose == .reply, let caseID = message.caseID {
                        try CaseStore.setReplyDelivery(.rejected, error: "\(error.code): \(error.message)", caseID: caseID, in: db)
                    }
                }
                continue
            } catch {
                try await database.write { db in
                    try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", arguments: ["\(error)", entry.id])
                }
                logger.debug("outbox.delivery.failed", metadata: ["outbox.id": "\(entry.id)", "outbox.destination": "\(lane.destination.rawValue)", "error": "\(error)"])
                return delivered
            }
            try await database.write { db in
                try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [entry.id])
                if message.purpose == .reply, let caseID = message.caseID {
                    try CaseStore.setReplyDelivery(.delivered, caseID: caseID, in: db)
                }
            }
            delivered += 1
        }
        return delivered
    }

    /// Refusals about the message itself: retrying cannot change them.
    static func isFinal(_ error: RPCError) -> Bool {
        [.invalidArgument, .failedPrecondition, .notFound, .permissionDenied].contains(error.code)
    }
}
