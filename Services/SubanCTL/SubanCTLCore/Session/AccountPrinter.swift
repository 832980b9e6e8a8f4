import Domain
import Foundation
import ReportRendering
import WireProtocol

/// How accounts, sessions and account events print: tables for people, JSON objects for scripts.
/// Times are Beijing time, which every office of the bureau keeps.
enum AccountPrinter {
    /// `roles liaison in employment_office`, or `roles administrator` for a bureau-wide account.
    static func post(_ account: Wire.Account) -> String {
        "roles " + account.roles.joined(separator: ",") + (account.unit.isEmpty ? "" : " in \(account.unit)")
    }

    /// When the session ends: idle and absolute limits.
    static func limits(_ session: Wire.SessionView) -> String {
        "session \(session.id) ends if idle until \(time(session.idleExpiresUnixMs)), and at \(time(session.expiresUnixMs)) at the latest"
    }

    static func accountTable(_ accounts: [Wire.Account]) -> String {
        var table = TextTable(["LOGIN", "NAME", "ROLES", "UNIT", "STATE", "LAST SIGN-IN", "CREATED BY"])
        for account in accounts {
            let state = account.disabled ? "disabled" : account.mustChangePassword ? "one-time password" : "active"
            table.append([
                account.login, account.name, account.roles.joined(separator: ","), account.unit, state,
                account.lastSignInUnixMs == 0 ? "never" : time(account.lastSignInUnixMs), account.createdBy,
            ])
        }
        return table.render()
    }

    static func sessionTable(_ sessions: [Wire.SessionView]) -> String {
        var table = TextTable(["ID", "LOGIN", "CLIENT", "SIGNED IN", "LAST SEEN", "IDLE LIMIT", "LIMIT", ""])
        for session in sessions {
            table.append([
                session.id, session.login, session.client, time(session.createdUnixMs), time(session.lastSeenUnixMs),
                time(session.idleExpiresUnixMs), time(session.expiresUnixMs), session.current ? "(this one)" : "",
            ])
        }
        return table.render()
    }

    static func eventTable(_ events: [Wire.AccountEvent]) -> String {
        var table = TextTable(["AT", "KIND", "LOGIN", "BY", "DETAIL"])
        for event in events { table.append([time(event.atUnixMs), event.kind, event.login, event.by, event.detail]) }
        return table.render()
    }

    static func object(_ account: Wire.Account) -> [String: Any] {
        [
            "login": account.login, "name": account.name, "phone": account.phone, "email": account.email,
            "roles": account.roles,
            "unit": account.unit, "disabled": account.disabled, "must_change_password": account.mustChangePassword,
            "created_unix_ms": account.createdUnixMs, "last_sign_in_unix_ms": account.lastSignInUnixMs,
            "created_by": account.createdBy,
        ]
    }

    static func object(_ session: Wire.SessionView) -> [String: Any] {
        [
            "id": session.id, "login": session.login, "client": session.client,
            "created_unix_ms": session.createdUnixMs,
            "last_seen_unix_ms": session.lastSeenUnixMs, "idle_expires_unix_ms": session.idleExpiresUnixMs,
            "expires_unix_ms": session.expiresUnixMs, "current": session.current,
        ]
    }

    static func object(_ event: Wire.AccountEvent) -> [String: Any] {
        [
            "at_unix_ms": event.atUnixMs, "kind": event.kind, "login": event.login, "by": event.by,
            "detail": event.detail,
        ]
    }

    /// `YYYY-MM-DD HH:MM` in Beijing time.
    static func time(_ milliseconds: Int64) -> String {
        let text = ShanghaiTime.iso8601(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5)
    }
}
