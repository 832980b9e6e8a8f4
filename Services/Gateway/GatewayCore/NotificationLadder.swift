import Domain
import Foundation
import ServiceDirectory
import ServiceKit

/// Who is mailed for each kind of notification: the escalation ladder. A rung is a post (an
/// account role) in the notification's unit, or at the bureau desk (`desk:`), whose level-1
/// accounts sit in the office. The shipped ladder follows the notice; `SUBAN_GATEWAY_NOTIFY_LADDER`
/// replaces the rungs of the kinds it names (docs/notifications.md).
struct NotificationLadder: Sendable, Equatable {
    struct Rung: Sendable, Hashable, CustomStringConvertible {
        var role: Role
        /// At the bureau desk rather than in the notification's unit.
        var atDesk: Bool

        var description: String { (atDesk ? "desk:" : "") + role.rawValue }
    }

    /// The bureau desk's unit (一级账号), where `desk:` rungs are looked up.
    static let deskUnit = "office"

    private(set) var rungs: [String: [Rung]]

    static let shipped = NotificationLadder(rungs: [
        // The 交办单 to the deputy leader in charge and the head (notice 三.3).
        "transfer_slip": [.unit(.deputyLeader), .unit(.unitLeader)],
        // 即时批办 of an urgent order: the deputy leader in charge must instruct first.
        "instruction_request": [.unit(.deputyLeader), .unit(.liaison)],
        // Before a deadline: the liaison who acts.
        "acknowledge_prompt": [.unit(.liaison)],
        "overdue_warning": [.unit(.liaison)],
        // Past it: the unit's head and the desk on duty as well.
        "overdue": [.unit(.liaison), .unit(.unitLeader), .desk(.bureauDesk)],
        // The hotline sent the reply back, the caller was dissatisfied, the order was reopened.
        "sent_back": [.unit(.liaison), .unit(.unitLeader)],
        "dissatisfied_callback": [.unit(.liaison), .unit(.unitLeader)],
        "reopened": [.unit(.liaison), .unit(.unitLeader)],
        // A meeting invitation to the liaison and the head, who decides who attends.
        "meeting_invitation": [.unit(.liaison), .unit(.unitLeader)],
        // The daily assessment digest to the unit's head (Sanmenxia's practice).
        "daily_digest": [.unit(.unitLeader)],
        // An order nobody was assigned: the desk on duty and its head.
        "stuck_order": [.unit(.bureauDesk), .unit(.unitLeader)],
        // A reminder (催办) or supervision (督办) by the desk: the unit's liaisons.
        "reminder": [.unit(.liaison), .unit(.enterpriseHelpLiaison)],
    ])

    /// The kinds a notification may have.
    var kinds: [String] { rungs.keys.sorted() }

    func rungs(for kind: String) -> [Rung] { rungs[kind] ?? [] }

    /// The shipped ladder with the kinds `text` names replaced:
    /// `overdue=liaison,unit_leader,desk:bureau_desk;sent_back=liaison`.
    func overridden(by text: String) throws(ServiceEnvironment.ConfigurationError) -> NotificationLadder {
        func refuse(_ detail: String) -> ServiceEnvironment.ConfigurationError {
            ServiceEnvironment.ConfigurationError(
                variable: "SUBAN_GATEWAY_NOTIFY_LADDER", value: text,
                expected:
                    "kind=role,role,desk:role;… with kinds \(kinds.joined(separator: ", ")) and account roles (\(detail))"
            )
        }
        var ladder = self
        for entry in text.split(separator: ";") where !entry.allSatisfy(\.isWhitespace) {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, rungs[parts[0]] != nil else { throw refuse("unknown kind in \(entry)") }
            var parsed: [Rung] = []
            for item in parts[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let atDesk = item.hasPrefix("desk:")
                guard let role = Role(rawValue: atDesk ? String(item.dropFirst(5)) : item), role.isStaff else {
                    throw refuse("unknown role \(item)")
                }
                parsed.append(Rung(role: role, atDesk: atDesk))
            }
            guard !parsed.isEmpty else { throw refuse("no one to mail for \(parts[0])") }
            ladder.rungs[parts[0]] = parsed
        }
        return ladder
    }

    var description: String {
        kinds.map { "\($0)=" + rungs(for: $0).map(\.description).joined(separator: ",") }.joined(separator: ";")
    }
}

extension NotificationLadder.Rung {
    static func unit(_ role: Role) -> Self { Self(role: role, atDesk: false) }
    static func desk(_ role: Role) -> Self { Self(role: role, atDesk: true) }
}
