import Foundation
import GRDB
import Persistence
import PersonalData
import PlatformAdapter
import ServiceDirectory
import ServiceKit
import Testing

@testable import GatewayCore

/// Issue 16.3 (the gateway's half): a kept raw body is sealed with the gateway's personal-data
/// key ring, bound to its row, and opened where it is read; rows from before are sealed (or, if
/// refused, reduced to their digest) at start.
@Suite("Inbox bodies sealed at rest")
struct InboxSealingTests {
    static let phone = "13812345678"

    /// Compiles only for a definition that keeps personal data, which makes `ServiceMain` load its ring.
    static func keepsPersonalData<Definition: KeepsPersonalData>(_: Definition.Type) -> Bool { true }

    @Test func theGatewayKeepsPersonalData() {
        #expect(Self.keepsPersonalData(GatewayService.self))
    }

    @Test func anAcceptedBodyIsSealedAndOpensToTheBytesReceived() async throws {
        try await GatewayFixture.run { gateway in
            let body = GatewayFixture.order("SEAL-1").encoded()
            #expect(try await gateway.post(PlatformAPI.ordersPath, body).status == 201)
            let fetched = try gateway.database.read { db in
                try Row.fetchOne(db, sql: "SELECT id, body, body_encoding, sealed_with FROM inbox")
            }
            let row = try #require(fetched)
            let stored = String(decoding: row["body"] as Data, as: UTF8.self)
            #expect(stored.hasPrefix("pd1:"))
            #expect(!stored.contains(Self.phone))
            #expect(row["body_encoding"] as String? == "utf8")
            #expect(row["sealed_with"] as String? == gateway.personalData.currentID)
            #expect(try await gateway.inboxStore.body(of: row["id"] as Int64) == body)
        }
    }

    @Test func aBodyThatIsNotUTF8IsSealedAsBase64() async throws {
        try await GatewayFixture.run { gateway in
            let body: [UInt8] = [0xff, 0xfe, 0x00, 0x7b]
            #expect(try await gateway.post(PlatformAPI.ordersPath, body).status == 400)
            let fetched = try gateway.database.read { db in
                try Row.fetchOne(db, sql: "SELECT id, body_encoding FROM inbox")
            }
            let row = try #require(fetched)
            #expect(row["body_encoding"] as String? == "base64")
            #expect(try await gateway.inboxStore.body(of: row["id"] as Int64) == body)
        }
    }

    @Test func aSealedBodyDoesNotOpenInAnotherRow() async throws {
        try await GatewayFixture.run { gateway in
            for number in ["SEAL-A", "SEAL-B"] {
                #expect(
                    try await gateway.post(PlatformAPI.ordersPath, GatewayFixture.order(number).encoded()).status == 201
                )
            }
            try await gateway.database.write { db in
                try db.execute(sql: "UPDATE inbox SET body = (SELECT body FROM inbox WHERE id = 1) WHERE id = 2")
            }
            await #expect(throws: Inbox.BodyUnreadable.self) { try await gateway.inboxStore.body(of: 2) }
        }
    }

    @Test func rowsFromBeforeAreSealedOrDroppedByTheMigrationAndTheStart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suban-gateway-seal-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let accepted = Array(#"{"order_no":"OLD-1","caller":{"phone":"13812345678"}}"#.utf8)
        let forged = Array(#"{"order_no":"OLD-2","caller":{"phone":"13812345678"}}"#.utf8)
        // A database as the gateway left it before this change: bodies in clear.
        let earlier = GatewayMigrations.all.filter { $0 != GatewayMigrations.inboxDigestsAndSealedBodies }
        let before = try ServiceDatabase.open(directory: directory, name: "gateway", migrations: earlier)
        try await before.write { db in
            for (body, verification) in [(accepted, "verified"), (forged, "bad_signature")] {
                try db.execute(
                    sql: """
                        INSERT INTO inbox (received_at, endpoint, app_key, headers, body, verification, outcome, http_status)
                        VALUES (1796000000, 'POST /platform/v1/orders', 'platform-test', '{}', ?, ?, 'accepted', 201)
                        """,
                    arguments: [Data(body), verification]
                )
            }
        }
        try before.close()
        let database = try ServiceDatabase.open(
            directory: directory, name: "gateway", migrations: GatewayMigrations.all)
        let inbox = Inbox(database: database, personalData: .generate())
        #expect(try inbox.sealRemaining() == 1, "the accepted one; the migration dropped the forged one's body")
        #expect(try inbox.sealRemaining() == 0, "nothing left in clear")
        #expect(try await inbox.body(of: 1) == accepted)
        #expect(try await inbox.body(of: 2) == nil)
        let rows = try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT CAST(body AS TEXT) AS body, body_sha256, body_length FROM inbox ORDER BY id")
        }
        #expect(rows.allSatisfy { !(($0["body"] as String?) ?? "").contains(Self.phone) })
        #expect(rows.map { $0["body_sha256"] as String? } == [PlatformSignature.bodyDigest(accepted), nil])
        #expect(rows.map { $0["body_length"] as Int? } == [accepted.count, forged.count])
    }

    @Test func aRotatedRingSealsTheBodiesAgainUnderTheNewKey() async throws {
        try await GatewayFixture.run { gateway in
            #expect(
                try await gateway.post(PlatformAPI.ordersPath, GatewayFixture.order("ROT-1").encoded()).status == 201)
            let rotated = Inbox(database: gateway.database, personalData: gateway.personalData.rotated())
            #expect(try rotated.sealRemaining() == 1)
            let key = try await gateway.database.read { db in
                try String.fetchOne(db, sql: "SELECT sealed_with FROM inbox")
            }
            #expect(key == rotated.personalData.currentID)
            #expect(try await rotated.body(of: 1) == GatewayFixture.order("ROT-1").encoded())
        }
    }
}
