import Foundation
import GRDB
import Logging
import Outbox
import Persistence
import PersonalData
import PlatformAdapter
import TestSupport
import Testing

@testable import GatewayCore

/// Issue 16.1: raw bodies are kept for the retention period and then dropped by the gateway
/// itself; the record of the request stays. Time is a `ManualClock`, never a sleep.
@Suite("Inbox retention")
struct InboxRetentionTests {
    static let day: Double = 86_400

    static func database() throws -> (DatabasePool, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "suban-gateway-retention-\(UUID())"
        ).path
        return (
            try ServiceDatabase.open(directory: directory, name: "gateway", migrations: GatewayMigrations.all),
            directory
        )
    }

    static func keep(_ inbox: Inbox, receivedAt: Date, verification: String = Inbox.verified) async throws -> Int64 {
        try await inbox.keep(
            Inbox.Record(
                receivedAt: receivedAt, endpoint: "POST /platform/v1/orders", appKey: "platform-test", headers: [:],
                body: Array(#"{"caller":{"phone":"13812345678"}}"#.utf8), verification: verification,
                outcome: "accepted", httpStatus: 201
            )
        )
    }

    @Test func thePurgeRunsByItselfAndDropsOnlyBodiesOlderThanTheRetention() async throws {
        let (database, directory) = try Self.database()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inbox = Inbox(database: database, personalData: .generate())
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let old = try await Self.keep(inbox, receivedAt: now.addingTimeInterval(-181 * Self.day))
        let recent = try await Self.keep(inbox, receivedAt: now.addingTimeInterval(-179 * Self.day))
        _ = try await Self.keep(
            inbox, receivedAt: now.addingTimeInterval(-181 * Self.day), verification: "bad_signature")
        let recentRefusal = try await Self.keep(
            inbox, receivedAt: now.addingTimeInterval(-179 * Self.day), verification: "missing_credentials")
        let clock = ManualClock(unixMilliseconds: Int64(now.timeIntervalSince1970 * 1000))
        let (purges, purged) = AsyncStream.makeStream(of: InboxRetention<ManualClock>.Purged.self)
        let retention = InboxRetention(
            database: database, retentionDays: 180, interval: .seconds(3600), clock: clock,
            logger: Logger(label: "test"),
            onPurge: { purged.yield($0) }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await retention.run() }
            defer { group.cancelAll() }
            var counts = purges.makeAsyncIterator()
            #expect(await counts.next() == .init(bodies: 1, refusedRows: 1), "at start: what is older than 180 days")
            let oldBody = try await inbox.body(of: old)
            let recentBody = try await inbox.body(of: recent)
            #expect(oldBody == nil)
            #expect(recentBody != nil)
            await clock.waitForSleepers(1)
            clock.advance(toUnixMilliseconds: Int64((now.timeIntervalSince1970 + 2 * Self.day) * 1000))
            #expect(
                await counts.next() == .init(bodies: 1, refusedRows: 1),
                "an hour on (two days here): the others have aged past it")
            let recentLater = try await inbox.body(of: recent)
            #expect(recentLater == nil)
        }
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, body_sha256, body_purged_at, verification FROM inbox ORDER BY id")
        }
        #expect(
            rows.map { $0["id"] as Int64 } == [old, recent], "the records of authenticated requests stay, refusals go")
        #expect(recentRefusal > recent)
        #expect(rows.allSatisfy { ($0["body_sha256"] as String?) != nil && ($0["body_purged_at"] as Double?) != nil })
    }

    @Test func theRetentionIsConfigurableAndDefaultsTo180Days() throws {
        #expect(try GatewayConfiguration(environment: [:], rpcPort: 0).inboxRetentionDays == 180)
        let configured = try GatewayConfiguration(environment: ["SUBAN_GATEWAY_INBOX_RETENTION_DAYS": "30"], rpcPort: 0)
        #expect(configured.inboxRetentionDays == 30)
        #expect(configured.effectiveConfiguration.contains("SUBAN_GATEWAY_INBOX_RETENTION_DAYS=30"))
        #expect(throws: GatewayConfiguration.ConfigurationError.self) {
            try GatewayConfiguration(environment: ["SUBAN_GATEWAY_INBOX_RETENTION_DAYS": "0"], rpcPort: 0)
        }
    }
}
