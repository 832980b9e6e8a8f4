import Foundation
import GRDB
import Logging
import RPC
import ServiceKit
import ServiceLifecycle
import WireProtocol

/// Calls to other services that a change of an order needs (start or stop its SLA clocks, tell
/// the platform, email the unit), written in the transaction of that change and delivered in
/// order per destination until acknowledged, so that a crash or an outage loses none of them. The
/// receiving methods are idempotent.
struct Outbox: Sendable {
    struct Message: Sendable, Equatable {
        var method: String
        var body: [UInt8]
        /// The service that receives the call.
        var destination: ServiceName = .sla
    }

    static func enqueue(_ messages: [Message], in db: Database) throws {
        for message in messages {
            try db.execute(
                sql: "INSERT INTO outbox (method, body, created_at, destination) VALUES (?, ?, ?, ?)",
                arguments: [message.method, Data(message.body), Date().timeIntervalSince1970, message.destination.rawValue]
            )
        }
    }

    /// Messages for `destination` not yet delivered, oldest first.
    static func pending(to destination: ServiceName, limit: Int, in db: Database) throws -> [(id: Int64, message: Message)] {
        try Row.fetchAll(
            db, sql: "SELECT id, method, body FROM outbox WHERE destination = ? ORDER BY id LIMIT ?",
            arguments: [destination.rawValue, limit]
        ).map {
            (id: $0["id"], message: Message(method: $0["method"], body: [UInt8]($0["body"] as Data), destination: destination))
        }
    }
}

/// Delivers the outbox: one lane per destination, so that a gateway outage never holds up the SLA
/// clocks (or the other way round). Each lane wakes when a change enqueued something (or every few
/// seconds), sends its messages in order, deletes each once the receiver answered, and backs off
/// while the receiver is down.
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

    /// A sender with one client per destination; messages for a destination without a client stay
    /// in the outbox.
    init(database: DatabasePool, clients: [ServiceName: RPCClient], logger: Logger) {
        self.database = database
        self.logger = logger
        lanes = clients.sorted { $0.key < $1.key }.map { destination, client in
            let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            return Lane(destination: destination, client: client, wakeUps: stream, continuation: continuation)
        }
    }

    /// The sender of SLA clock commands only.
    convenience init(database: DatabasePool, client: RPCClient, logger: Logger) {
        self.init(database: database, clients: [.sla: client], logger: logger)
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
                    // A periodic tick covers messages enqueued by another process or left from before a restart.
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

    /// Sends a lane's pending messages in order; stops at the first that fails, so order is kept.
    private func deliverBatch(_ lane: Lane) async throws -> Int {
        let batch = try await database.read { try Outbox.pending(to: lane.destination, limit: 100, in: $0) }
        var delivered = 0
        for (id, message) in batch {
            do {
                _ = try await lane.client.callRaw(message.method, body: message.body, timeout: .seconds(5))
            } catch let error where error.code == .invalidArgument || error.code == .failedPrecondition || error.code == .notFound {
                // The receiver will never accept it: keep the row, visibly, but do not block the rest.
                logger.error("outbox.message.rejected", metadata: ["outbox.id": "\(id)", "rpc.method": "\(message.method)", "error": "\(error)"])
                try await database.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO outbox_rejected (id, method, body, created_at, attempts, last_error, rejection, destination)
                            SELECT id, method, body, created_at, attempts, last_error, ?, destination FROM outbox WHERE id = ?
                            """,
                        arguments: ["\(error)", id]
                    )
                    try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
                }
                continue
            } catch {
                try await database.write { db in
                    try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", arguments: ["\(error)", id])
                }
                logger.debug("outbox.delivery.failed", metadata: ["outbox.id": "\(id)", "outbox.destination": "\(lane.destination.rawValue)", "error": "\(error)"])
                return delivered
            }
            try await database.write { db in try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id]) }
            delivered += 1
        }
        return delivered
    }
}
