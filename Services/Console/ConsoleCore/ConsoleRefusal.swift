import Domain
import Foundation
import RPC
import WireProtocol

/// The console's refusals, worded once: what a person is told when a sign-in or a session fails.
///
/// None of them repeats a password or a token; the sign-in refusals name no account that the
/// caller has not proven to know the password of, except a lockout, which the design tells.
enum ConsoleRefusal {
    /// A wrong password and an unknown login answer alike, so that the answer does not tell which.
    /// Each sign-in refusal also names its reason as a field violation of `login` (`wrong`, `locked`,
    /// `disabled`), so that the web pages can say it in Chinese without reading the English.
    static let wrongLoginOrPassword = RPCError(
        .unauthenticated, "wrong login or password", fieldViolations: [reason("wrong", "wrong login or password")])

    static func locked(until milliseconds: Int64) -> RPCError {
        RPCError(
            .unauthenticated,
            "the account is locked after too many failed sign-ins until \(clockTime(milliseconds)) (Beijing time); "
                + "try again then, or ask an administrator to reset the password",
            fieldViolations: [reason("locked", "locked until \(clockTime(milliseconds))")]
        )
    }

    static let disabled = RPCError(
        .unauthenticated, "the account is disabled; ask an administrator",
        fieldViolations: [reason("disabled", "disabled")])

    private static func reason(_ code: String, _ message: String) -> FieldViolation {
        FieldViolation(field: "login", code: code, message: message)
    }

    static func notSignedIn(_ method: String) -> RPCError {
        RPCError(.unauthenticated, "\(method) needs a signed-in session: run subanctl login")
    }

    static let unknownSession = RPCError(
        .unauthenticated, "the session is not known (signed out or never signed in): run subanctl login")

    static func ended(_ ending: SessionRecord.Ending) -> RPCError {
        RPCError(.unauthenticated, "\(ending): run subanctl login")
    }

    static func notAdministrator(_ login: String, method: String) -> RPCError {
        RPCError(.permissionDenied, "\(login) is not an administrator; \(method) needs the administrator role")
    }

    static let mustChangePassword = RPCError(
        .failedPrecondition, "the one-time password is still in use: change it first (subanctl passwd)"
    )

    /// `HH:MM` of `milliseconds` in Beijing time, which every office of the bureau keeps.
    static func clockTime(_ milliseconds: Int64) -> String {
        let text = ShanghaiTime.iso8601(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        // YYYY-MM-DDTHH:MM:SS…: the hour and minute follow the T.
        return String(text.dropFirst(11).prefix(5))
    }
}
