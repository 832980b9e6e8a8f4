import Domain
import Foundation
import Identity
import RPC
import ServiceKit
import Testing
import WireProtocol

@testable import IntakeCore

/// Requests are read by throwing: a draft missing its parts or naming unknown values is refused
/// with a field violation for each, and an unknown role is an error, never a default.
@Suite("Intake: reading requests")
struct WireMappingTests {
    @Test func aDraftWithoutCallerAndWithUnknownValuesIsRefusedFieldByFieldInsteadOfCrashing() throws {
        var draft = IntakeFixture.draft()
        draft.caller = nil
        draft.channel = "carrier_pigeon"
        draft.topic = ""
        let error = #expect(throws: RPCError.self) { _ = try WorkOrderDraft(wire: draft, receivedAt: Date()) }
        #expect(error?.code == .invalidArgument)
        #expect(Set(error?.fieldViolations.map(\.field) ?? []) == ["draft.caller", "draft.channel", "draft.topic"])
        #expect(error?.fieldViolations.first { $0.field == "draft.channel" }?.code == "unknown_value")
    }

    @Test func aCompleteDraftReadsIntoTheDomainDraft() throws {
        let draft = try WorkOrderDraft(wire: IntakeFixture.draft(), receivedAt: Date())
        #expect(draft.channel == .hotline12345)
        #expect(draft.caller.name == "王小明")
    }

    @Test(arguments: ["chief", "SYSTEM", "system "])
    func anUnknownRoleIsRefusedAndNeverReadAsSystem(role: String) throws {
        let credential = Credential(
            issuer: "console", account: "liaison-1", displayName: "联络员", roles: [.liaison, .system],
            unit: "employment_office",
            issuedAtMilliseconds: 0, expiresAtMilliseconds: 600_000, id: "credential-1"
        )
        let error = #expect(throws: RPCError.self) {
            _ = try credential.actor(claimed: Wire.Actor(id: "liaison-1", role: role, unit: ""))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.fieldViolations.map(\.field) == ["actor.role"])
    }
}
