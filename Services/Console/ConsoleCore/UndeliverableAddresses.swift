import Domain
public import GRDB
public import Logging

/// Accounts whose address no mail server delivers (a reserved example domain, as in the example
/// roster's `example.invalid`): the notifications of their posts would reach nobody. The gateway
/// still sends them (a test's mail sink takes them), so the console says so at every start, at
/// error level, until the accounts are given real addresses.
public enum UndeliverableAddresses {
    /// The logins, in login order, of enabled accounts with such an address.
    public static func logins(in database: DatabasePool) throws -> [String] {
        try database.read { db in try AccountStore.accounts(db) }
            .filter { !$0.disabled && EmailAddress.isNeverDelivered($0.profile.email) }
            .map(\.login)
            .sorted()
    }

    /// Logs `console.accounts.undeliverable_addresses` when any account has such an address.
    public static func announce(in database: DatabasePool, logger: Logger) throws {
        let logins = try logins(in: database)
        guard !logins.isEmpty else { return }
        logger.error(
            "console.accounts.undeliverable_addresses",
            metadata: [
                "accounts.count": "\(logins.count)", "accounts": "\(logins.prefix(20).joined(separator: ","))",
                "hint":
                    "mail to these accounts is never delivered; give them real addresses (subanctl accounts update LOGIN --email …)",
            ]
        )
    }
}
