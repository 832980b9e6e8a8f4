import Domain
import Foundation
import RPC
import TestSupport
import Testing
import WireProtocol

@testable import IntakeCore

/// Who may take each step of a transfer order, through the real intake service with signed
/// credentials: every role, in the responsible unit, another unit and none, tries every step. The
/// table below is the notice's division of work written out by hand; the service must agree with
/// it, and a refused step must leave the order as it was.
@Suite("Intake: who may take each step (role × action × unit)")
struct AuthorizationTableTests {
    static let own = "employment_office"
    static let other = "pension_office"

    /// The steps of a transfer order from assignment to close, each with how to fill it in.
    static let steps: [(action: String, fill: @Sendable (inout Wire.ApplyActionRequest) -> Void)] = [
        ("acknowledge", { _ in }),
        ("instruct", { $0.text = "请就业办核实处理" }),
        ("start", { _ in }),
        (
            "draft_reply",
            {
                $0.text = "已联系企业，工资已发放。"
                $0.resultCode = "solved"
            }
        ),
        ("review", { $0.approved = true }),
        ("send_to_platform", { _ in }),
        ("platform_review", { $0.approved = true }),
        ("record_callback", { $0.callbackOutcome = "satisfied" }),
    ]

    enum Place: String, CaseIterable { case own, other, none }

    /// Whether `role` in `place` may take `action` on an order of `channel`: the expectation, by hand.
    static func allowed(_ action: String, _ role: Role, _ place: Place, channel: String) -> Bool {
        let inOwnUnit = place == .own
        switch action {
        case "acknowledge", "start", "draft_reply": return role == .liaison && inOwnUnit
        // 交办意见: the unit's own leader or the deputy leader in charge of it (the task force only on the green channel).
        case "instruct": return (role == .unitLeader || role == .deputyLeader) && inOwnUnit
        case "review", "send_to_platform": return role == .bureauDesk
        // The 12345 platform's decisions come only through the gateway; the 12333 line is the bureau's own.
        case "platform_review", "record_callback":
            return role == .platform || (channel == "hotline_12333" && role == .bureauDesk)
        default: return false
        }
    }

    static func actor(_ role: Role, _ place: Place) -> WorkOrder.Actor {
        let unit: String? =
            switch place {
            case .own: own
            case .other: other
            case .none: nil
            }
        return WorkOrder.Actor(
            id: "\(role.rawValue)-\(place.rawValue)", role: role, unitCode: role.isStaff ? unit : nil)
    }

    /// The one who takes `action` in the ordinary course, to bring an order to the next step.
    static func usual(_ action: String, channel: String) -> WorkOrder.Actor {
        switch action {
        case "acknowledge", "start", "draft_reply": actor(.liaison, .own)
        case "instruct": actor(.unitLeader, .own)
        case "review", "send_to_platform": actor(.bureauDesk, .none)
        default: channel == "hotline_12333" ? actor(.bureauDesk, .none) : actor(.platform, .none)
        }
    }

    static func take(_ step: Int, on id: String, as actor: WorkOrder.Actor, _ intake: IntakeFixture) async throws
        -> Wire.ApplyActionResponse
    {
        var request = Wire.ApplyActionRequest(
            orderId: id, actor: Wire.Actor(role: actor.role.rawValue), action: steps[step].action)
        steps[step].fill(&request)
        return try await intake.client.call(
            "intake.apply", request, as: Wire.ApplyActionResponse.self, headers: TestIdentity.headers(for: actor))
    }

    /// A new order of `channel`, brought to the point where `step` is next.
    static func order(readyFor step: Int, channel: String, _ intake: IntakeFixture, number: inout Int) async throws
        -> String
    {
        number += 1
        var draft = IntakeFixture.draft(number: "AUTH-\(number)", urgency: "normal")
        draft.channel = channel
        let id = try #require(try await intake.submit(draft).order?.id)
        for earlier in 0..<step {
            _ = try await take(earlier, on: id, as: usual(steps[earlier].action, channel: channel), intake)
        }
        return id
    }

    @Test(arguments: ["hotline_12345", "hotline_12333"])
    func everyRoleInEveryUnitTriesEveryStep(channel: String) async throws {
        try await IntakeFixture.run { intake in
            var number = 0
            var allowedCount = 0
            for step in Self.steps.indices {
                let action = Self.steps[step].action
                let shared = try await Self.order(readyFor: step, channel: channel, intake, number: &number)
                let before = try await intake.client.call(
                    "intake.get", Wire.GetOrderRequest(id: shared), as: Wire.GetOrderResponse.self)
                for role in Role.allCases {
                    for place in Place.allCases where role.isStaff || place == .none {
                        let actor = Self.actor(role, place)
                        if Self.allowed(action, role, place, channel: channel) {
                            allowedCount += 1
                            let fresh = try await Self.order(readyFor: step, channel: channel, intake, number: &number)
                            let response = try await Self.take(step, on: fresh, as: actor, intake)
                            #expect(response.event?.action == action, "\(role)@\(place) \(action)")
                            #expect(response.event?.actorId == actor.id)
                            #expect(response.event?.role == role.rawValue)
                        } else {
                            let refusal = await #expect(
                                throws: RPCError.self, "\(role)@\(place) must not \(action) (\(channel))"
                            ) {
                                try await Self.take(step, on: shared, as: actor, intake)
                            }
                            #expect(
                                refusal?.code == .permissionDenied,
                                "\(role)@\(place) \(action): \(String(describing: refusal))")
                        }
                    }
                }
                let after = try await intake.client.call(
                    "intake.get", Wire.GetOrderRequest(id: shared), as: Wire.GetOrderResponse.self)
                #expect(after.events.count == before.events.count, "a refused \(action) changed the order")
                #expect(after.order?.state == before.order?.state)
            }
            #expect(allowedCount == (channel == "hotline_12333" ? 19 : 13))
        }
    }
}
