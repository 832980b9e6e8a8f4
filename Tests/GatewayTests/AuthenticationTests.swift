import Foundation
import PlatformAdapter
import Testing
import WireProtocol

@testable import GatewayCore

/// Every authentication failure is a 401 with its own code, reaches no intake, and leaves only its
/// inbox record.
@Suite("Inbound authentication")
struct AuthenticationTests {
    let path = PlatformAPI.ordersPath
    var body: [UInt8] { GatewayFixture.order("AUTH-1").encoded() }

    @Test func aCorrectlySignedOrderIsAccepted() async throws {
        try await GatewayFixture.run { gateway in
            let (status, json) = try await gateway.post(path, body)
            #expect(status == 201)
            #expect(json["order_id"]?.stringValue == "WO-test-1")
            #expect(try gateway.inbox().map(\.verification) == ["verified"])
        }
    }

    @Test func aBadSignatureIsRefused() async throws {
        try await GatewayFixture.run { gateway in
            let (status, json) = try await gateway.post(path, body, secret: "not-the-secret-0123456")
            #expect(status == 401)
            #expect(json.errorCode == "bad_signature")
            #expect(gateway.intake.submits.isEmpty)
            #expect(try gateway.inbox().map(\.verification) == ["bad_signature"])
        }
    }

    @Test(arguments: [-360, 360])
    func aTimestampOutsideTheFiveMinuteWindowIsRefused(_ offset: Int) async throws {
        try await GatewayFixture.run { gateway in
            let (status, json) = try await gateway.post(
                path, body, timestamp: Int64(Date().timeIntervalSince1970) + Int64(offset))
            #expect(status == 401)
            #expect(json.errorCode == "timestamp_out_of_window")
            #expect(gateway.intake.submits.isEmpty)
        }
    }

    @Test func aTimestampInsideTheWindowIsAccepted() async throws {
        try await GatewayFixture.run { gateway in
            let (status, _) = try await gateway.post(path, body, timestamp: Int64(Date().timeIntervalSince1970) - 240)
            #expect(status == 201)
        }
    }

    @Test func aReplayedNonceIsRefused() async throws {
        try await GatewayFixture.run { gateway in
            let signature = PlatformSignature.sign(
                method: "POST", target: path, appKey: GatewayFixture.platformKey, secret: GatewayFixture.platformSecret,
                body: body)
            let first = try await gateway.postRaw(path, body, headers: signature.headers)
            let replay = try await gateway.postRaw(path, body, headers: signature.headers)
            #expect(first.status == 201)
            #expect(replay.status == 401)
            #expect(replay.json.errorCode == "nonce_replayed")
            #expect(gateway.intake.submits.count == 1)
        }
    }

    @Test func anUnknownKeyIsRefused() async throws {
        try await GatewayFixture.run { gateway in
            let (status, json) = try await gateway.post(path, body, key: "stranger", secret: "stranger-secret-0123456")
            #expect(status == 401)
            #expect(json.errorCode == "unknown_app_key")
            #expect(gateway.intake.submits.isEmpty)
        }
    }

    @Test func the12333KeyDoesNotOpenThePlatformEndpointNorTheOtherWayRound() async throws {
        try await GatewayFixture.run { gateway in
            let platform = try await gateway.post(
                path, body, key: GatewayFixture.hotlineKey, secret: GatewayFixture.hotlineSecret)
            #expect(platform.status == 401)
            #expect(platform.json.errorCode == "unknown_app_key")
            let hotline = try await gateway.post(PlatformAPI.hotline12333OrdersPath, body)
            #expect(hotline.json.errorCode == "unknown_app_key")
            let filed = try await gateway.post(
                PlatformAPI.hotline12333OrdersPath, body, key: GatewayFixture.hotlineKey,
                secret: GatewayFixture.hotlineSecret)
            #expect(filed.status == 201)
            #expect(gateway.intake.submits.map { $0.draft?.channel } == ["hotline_12333"])
        }
    }

    @Test func missingAndMalformedHeadersAreNamed() async throws {
        try await GatewayFixture.run { gateway in
            let missing = try await gateway.postRaw(
                path, body, headers: [(PlatformSignature.Header.appKey, GatewayFixture.platformKey)])
            #expect(missing.status == 401)
            #expect(missing.json.errorCode == "missing_credentials")
            #expect(
                missing.json.errorFields == [
                    PlatformSignature.Header.timestamp, PlatformSignature.Header.nonce,
                    PlatformSignature.Header.signature,
                ])
            let malformed = try await gateway.postRaw(
                path, body,
                headers: [
                    (PlatformSignature.Header.appKey, GatewayFixture.platformKey),
                    (PlatformSignature.Header.timestamp, "yesterday"),
                    (PlatformSignature.Header.nonce, "ok-nonce-1"), (PlatformSignature.Header.signature, "xyz"),
                ])
            #expect(malformed.json.errorCode == "malformed_credentials")
            #expect(
                malformed.json.errorFields == [PlatformSignature.Header.timestamp, PlatformSignature.Header.signature])
            #expect(gateway.intake.submits.isEmpty)
        }
    }
}
