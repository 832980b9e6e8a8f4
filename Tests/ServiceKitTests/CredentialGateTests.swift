import Crypto
import Domain
import Foundation
import Identity
import RPC
import ServiceDirectory
import ServiceKit
import Synchronization
import TestSupport
import Testing
import WireProtocol

/// A service method behind the gate, over a real connection: only a verified credential with an
/// allowed role gets through, and what is refused never reaches the handler.
@Suite("Credential gate")
struct CredentialGateTests {
    /// A service with one method for liaisons and one for services, counting the calls that got through.
    final class CountingService: Sendable {
        let admitted = Mutex<[String]>([])

        func router() -> RPCRouter {
            var router = GuardedRouter(gate: TestIdentity.service(.intake).gate)
            router.register("test.liaison_step", roles: [.liaison]) { (_: HealthRequest, _, credential) in
                self.admitted.withLock { $0.append(credential.account) }
                return HealthResponse(
                    service: credential.account, status: .serving, version: "test", startedAtUnixMilliseconds: 0,
                    uptimeMilliseconds: 0)
            }
            router.register("test.service_step", roles: [.system]) { (_: HealthRequest, _, credential) in
                self.admitted.withLock { $0.append(credential.account) }
                return HealthResponse(
                    service: credential.account, status: .serving, version: "test", startedAtUnixMilliseconds: 0,
                    uptimeMilliseconds: 0)
            }
            router.registerImmediate("test.now.service_step", roles: [.system]) { (_: HealthRequest, _, credential) in
                self.admitted.withLock { $0.append(credential.account) }
                return HealthResponse(
                    service: credential.account, status: .serving, version: "test", startedAtUnixMilliseconds: 0,
                    uptimeMilliseconds: 0)
            }
            #expect(router.openMethods.isEmpty)
            return router.router
        }
    }

    @Test func anImmediateMethodIsGuardedAlikeAndNoBodyIsReadBeforeItsCallerIsAdmitted() async throws {
        let service = CountingService()
        try await withTestServer(service.router()) { _, port in
            let serviceToken = try ServiceCredentials(issuer: TestIdentity.issuer("sla")).token()
            #expect(try await Self.call("test.now.service_step", token: serviceToken, port: port).get() == "sla")
            #expect(
                Self.refusal(await Self.call("test.now.service_step", token: nil, port: port))?.code
                    == .unauthenticated)
            let desk = TestIdentity.token(for: WorkOrder.Actor(id: "desk", role: .bureauDesk))
            #expect(
                Self.refusal(await Self.call("test.now.service_step", token: desk, port: port))?.code
                    == .permissionDenied)

            // A body that does not decode: a caller without a credential learns only that it has none.
            let client = makeTestClient(port: port)
            defer { client.closeWithoutWaiting() }
            for method in ["test.service_step", "test.now.service_step"] {
                let unreadable: [UInt8] = [0xFF, 0xFF, 0xFF]
                let anonymous = await #expect(throws: RPCError.self) {
                    _ = try await client.callRaw(method, body: unreadable)
                }
                #expect(anonymous?.code == .unauthenticated)
                let admitted = await #expect(throws: RPCError.self) {
                    _ = try await client.callRaw(
                        method, body: unreadable, headers: [Header(name: Header.credential, value: serviceToken)])
                }
                #expect(admitted?.code == .invalidArgument)
            }
            #expect(service.admitted.withLock { $0 } == ["sla"])
        }
    }

    static let liaison = WorkOrder.Actor(id: "li.wei", role: .liaison, unitCode: "employment_office", name: "李伟")

    static func call(_ method: String, token: String?, port: Int) async -> Result<String, RPCError> {
        let client = makeTestClient(port: port)
        defer { client.closeWithoutWaiting() }
        let headers = token.map { [Header(name: Header.credential, value: $0)] } ?? []
        do {
            return .success(
                try await client.call(method, HealthRequest(), as: HealthResponse.self, headers: headers).service)
        } catch {
            return .failure(error)
        }
    }

    static func refusal(_ result: Result<String, RPCError>) -> RPCError? {
        if case .failure(let error) = result { error } else { nil }
    }

    @Test func missingForgedTamperedExpiredReplayedAndOutOfScopeCredentialsAreRefused() async throws {
        let service = CountingService()
        try await withTestServer(service.router()) { _, port in
            let missing = Self.refusal(await Self.call("test.liaison_step", token: nil, port: port))
            #expect(missing?.code == .unauthenticated)

            // Signed with a key the service does not trust, under the console's name.
            let forger = try CredentialIssuer(id: "console", privateKey: Curve25519.Signing.PrivateKey())
            let forged = try forger.issue(
                account: "li.wei", displayName: "李伟", roles: [.liaison], unit: "employment_office"
            ).token
            let forgedRefusal = Self.refusal(await Self.call("test.liaison_step", token: forged, port: port))
            #expect(forgedRefusal?.code == .unauthenticated)
            #expect(forgedRefusal?.message.contains(forged) == false)

            // The claims changed after signing: another unit.
            let genuine = TestIdentity.token(for: Self.liaison)
            let parts = genuine.split(separator: ".").map(String.init)
            let claims = String(decoding: Data(base64Encoded: Self.padded(parts[1]))!, as: UTF8.self)
                .replacingOccurrences(of: "employment_office", with: "pension_office_x")
            let tampered = [parts[0], Self.unpadded(Data(claims.utf8).base64EncodedString()), parts[2]].joined(
                separator: ".")
            #expect(
                Self.refusal(await Self.call("test.liaison_step", token: tampered, port: port))?.code
                    == .unauthenticated)

            let expired = try TestIdentity.issuer("console").issue(
                account: "li.wei", displayName: "李伟", roles: [.liaison], unit: "employment_office",
                lifetime: .seconds(60),
                now: Date().addingTimeInterval(-600)
            ).token
            let expiredRefusal = Self.refusal(await Self.call("test.liaison_step", token: expired, port: port))
            #expect(expiredRefusal?.code == .unauthenticated)
            #expect(expiredRefusal?.message.contains("expired") == true)

            // A staff credential is good for one call.
            let once = TestIdentity.token(for: Self.liaison)
            #expect(try await Self.call("test.liaison_step", token: once, port: port).get() == "li.wei")
            let replayed = Self.refusal(await Self.call("test.liaison_step", token: once, port: port))
            #expect(replayed?.code == .unauthenticated)
            #expect(replayed?.message.contains("used before") == true)

            // Out of scope: a role the method does not allow, and a role the issuer may not assert.
            let desk = TestIdentity.token(for: WorkOrder.Actor(id: "desk", role: .bureauDesk))
            #expect(
                Self.refusal(await Self.call("test.liaison_step", token: desk, port: port))?.code == .permissionDenied)
            let gatewayAsLiaison = try TestIdentity.issuer("gateway").issue(
                account: "li.wei", displayName: "李伟", roles: [.liaison]
            ).token
            #expect(
                Self.refusal(await Self.call("test.liaison_step", token: gatewayAsLiaison, port: port))?.code
                    == .permissionDenied)
            let staffAsSystem = try TestIdentity.issuer("console").issue(
                account: "mallory", displayName: "M", roles: [.system]
            ).token
            #expect(
                Self.refusal(await Self.call("test.service_step", token: staffAsSystem, port: port))?.code
                    == .permissionDenied)

            // A service's own credential serves many calls within its short life.
            let sla = ServiceCredentials(issuer: TestIdentity.issuer("sla"))
            let serviceToken = try sla.token()
            #expect(try await Self.call("test.service_step", token: serviceToken, port: port).get() == "sla")
            #expect(try await Self.call("test.service_step", token: serviceToken, port: port).get() == "sla")

            #expect(service.admitted.withLock { $0 } == ["li.wei", "sla", "sla"])
        }
    }

    @Test func aPersonIsWhoTheCredentialSaysNotWhoTheRequestClaims() throws {
        let credential = try TestIdentity.issuer("console").issue(
            account: "li.wei", displayName: "李伟", roles: [.liaison, .unitLeader], unit: "employment_office"
        ).credential
        let actor = try credential.actor(claimed: Wire.Actor(role: "unit_leader"))
        #expect(actor == WorkOrder.Actor(id: "li.wei", role: .unitLeader, unitCode: "employment_office", name: "李伟"))
        #expect(throws: RPCError.self) { try credential.actor(claimed: Wire.Actor(id: "zhang.san", role: "liaison")) }
        #expect(throws: RPCError.self) {
            try credential.actor(claimed: Wire.Actor(role: "liaison", unit: "pension_office"))
        }
        #expect(throws: RPCError.self) { try credential.actor(claimed: Wire.Actor(role: "bureau_desk")) }
        // Two roles and none named: the person must say which.
        #expect(throws: RPCError.self) { try credential.actor(claimed: Wire.Actor()) }
    }

    static func padded(_ text: String) -> String {
        let base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
    }

    static func unpadded(_ base64: String) -> String {
        base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
            of: "=", with: "")
    }
}
