/// What an entry of the console's audit trail records. Raw values are stored and travel on the wire.
enum AccountEventKind: String, Sendable, CaseIterable {
    case signedIn = "signed_in"
    case signInFailed = "sign_in_failed"
    case locked
    case signedOut = "signed_out"
    case sessionRevoked = "session_revoked"
    case accountCreated = "account_created"
    case accountUpdated = "account_updated"
    case accountDisabled = "account_disabled"
    case accountEnabled = "account_enabled"
    case passwordReset = "password_reset"
    case passwordChanged = "password_changed"
    case passwordChangeFailed = "password_change_failed"
}

/// One entry to append: `by` did `kind` to the account `login`.
struct AccountEventEntry: Sendable, Hashable {
    var kind: AccountEventKind
    var login: String
    var by: String
    var detail: String = ""
}
