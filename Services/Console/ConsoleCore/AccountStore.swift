import Domain
import Foundation
import GRDB
import RPC
import WireProtocol

/// The console's data in its own database: accounts, sessions and the audit trail.
///
/// Every change is one transaction that also appends its audit entries, so that the trail never
/// misses a change nor records one that did not happen; a refused change writes nothing.
struct AccountStore: Sendable {
    /// Stored data that does not read back (edited by hand, or by a bug).
    struct CorruptData: Error, CustomStringConvertible {
        var description: String
    }

    let database: DatabasePool

    func account(login: String) async throws -> AccountRecord? {
        try await database.read { db in try Self.account(db, login: login) }
    }

    /// Accounts by login, optionally only those of `unit` ('' for bureau-wide) or holding `role`.
    func accounts(unit: String?, role: Role?, includeDisabled: Bool) async throws -> [AccountRecord] {
        let all = try await database.read { db in try Self.accounts(db) }
        return all.filter { record in
            (includeDisabled || !record.disabled) && (unit.map { (record.profile.unit ?? "") == $0 } ?? true)
                && (role.map { record.profile.roles.contains($0) } ?? true)
        }
    }

    /// Stores a new account that must change `passwordHash`'s password at first sign-in; refuses a taken login.
    func create(_ profile: AccountProfile, passwordHash: String, by: String, now: Int64) async throws -> AccountRecord {
        try await database.write { db in try Self.insert(db, profile, passwordHash: passwordHash, by: by, now: now) }
    }

    /// Stores new accounts in one transaction, or none when a login is taken.
    func create(_ accounts: [(AccountProfile, passwordHash: String)], by: String, now: Int64) async throws
        -> [AccountRecord]
    {
        try await database.write { db in
            try accounts.map { profile, hash in try Self.insert(db, profile, passwordHash: hash, by: by, now: now) }
        }
    }

    /// Creates the first administrator, in the same transaction that checks there is none yet.
    func createFirstAdministrator(_ profile: AccountProfile, passwordHash: String, now: Int64) async throws
        -> AccountRecord
    {
        try await database.write { db in
            if let existing = try Self.accounts(db).first(where: \.isAdministrator) {
                throw RPCError(
                    .failedPrecondition,
                    "an administrator already exists (\(existing.login)); sign in as one to add others")
            }
            return try Self.insert(db, profile, passwordHash: passwordHash, by: "bootstrap", now: now)
        }
    }

    /// Replaces the profile of the account of the same login.
    func update(_ profile: AccountProfile, by: String, now: Int64) async throws -> AccountRecord {
        try await database.write { db in
            var record = try Self.require(db, login: profile.login)
            let changed = Self.changedFields(from: record.profile, to: profile)
            if record.isAdministrator && !profile.roles.contains(.administrator) && !record.disabled {
                try Self.requireAnotherAdministrator(db, than: record.login, doing: "take the administrator role from")
            }
            record.profile = profile
            try db.execute(
                sql:
                    "UPDATE account SET name = ?, phone = ?, email = ?, roles = ?, unit = ?, updated_ms = ? WHERE login = ?",
                arguments: [
                    profile.name, profile.phone, profile.email, try Self.json(profile.roles), profile.unit ?? "", now,
                    profile.login,
                ]
            )
            try Self.append(
                db, AccountEventEntry(kind: .accountUpdated, login: profile.login, by: by, detail: changed), now: now)
            return record
        }
    }

    /// Disables or enables an account; disabling ends all its sessions.
    func setDisabled(login: String, disabled: Bool, reason: String, by: String, now: Int64) async throws
        -> AccountRecord
    {
        try await database.write { db in
            var record = try Self.require(db, login: login)
            guard record.disabled != disabled else { return record }
            if disabled && record.isAdministrator {
                try Self.requireAnotherAdministrator(db, than: login, doing: "disable")
            }
            record.disabled = disabled
            try db.execute(
                sql: "UPDATE account SET disabled = ?, updated_ms = ? WHERE login = ?",
                arguments: [disabled, now, login])
            let kind: AccountEventKind = disabled ? .accountDisabled : .accountEnabled
            try Self.append(db, AccountEventEntry(kind: kind, login: login, by: by, detail: reason), now: now)
            if disabled {
                try Self.revokeSessions(db, login: login, except: nil, by: by, now: now)
            }
            return record
        }
    }

    /// Gives the account a one-time password, lifts any lockout, and ends all its sessions.
    func resetPassword(login: String, passwordHash: String, by: String, now: Int64) async throws {
        try await database.write { db in
            _ = try Self.require(db, login: login)
            try db.execute(
                sql: """
                    UPDATE account SET password_hash = ?, must_change_password = 1, failed_attempts = 0, locked_until_ms = NULL,
                        updated_ms = ?
                    WHERE login = ?
                    """,
                arguments: [passwordHash, now, login]
            )
            try Self.append(db, AccountEventEntry(kind: .passwordReset, login: login, by: by), now: now)
            try Self.revokeSessions(db, login: login, except: nil, by: by, now: now)
        }
    }

    /// Replaces the password the holder proved to know (`currentHash`), and ends their other sessions.
    func changePassword(login: String, currentHash: String, newHash: String, keepingSession session: String, now: Int64)
        async throws
    {
        try await database.write { db in
            let record = try Self.require(db, login: login)
            // A reset between the check and this write would otherwise be undone.
            guard record.passwordHash == currentHash else {
                throw RPCError(.aborted, "the password was changed meanwhile; sign in again")
            }
            try db.execute(
                sql:
                    "UPDATE account SET password_hash = ?, must_change_password = 0, failed_attempts = 0, updated_ms = ? WHERE login = ?",
                arguments: [newHash, now, login]
            )
            try Self.append(db, AccountEventEntry(kind: .passwordChanged, login: login, by: login), now: now)
            try Self.revokeSessions(db, login: login, except: session, by: login, now: now)
        }
    }

    /// Counts a wrong password against the account (`kind` says where it was typed) and locks it
    /// once the policy says so, then also ending its sessions when `endingSessions`; returns the
    /// lock's end when this failure locked it.
    func recordFailure(login: String, kind: AccountEventKind, policy: LockoutPolicy, endingSessions: Bool, now: Int64)
        async throws -> Int64?
    {
        try await database.write { db in
            let record = try Self.require(db, login: login)
            let outcome = policy.afterFailure(failedAttempts: record.failedAttempts, now: now)
            try db.execute(
                sql:
                    "UPDATE account SET failed_attempts = ?, locked_until_ms = COALESCE(?, locked_until_ms) WHERE login = ?",
                arguments: [outcome.failedAttempts, outcome.lockedUntil, login]
            )
            try Self.append(
                db, AccountEventEntry(kind: kind, login: login, by: login, detail: "wrong password"), now: now)
            if let lockedUntil = outcome.lockedUntil {
                let detail =
                    "after \(policy.lockoutAfter) failed attempts, until \(ShanghaiTime.iso8601(Self.date(lockedUntil)))"
                try Self.append(db, AccountEventEntry(kind: .locked, login: login, by: login, detail: detail), now: now)
                if endingSessions { try Self.revokeSessions(db, login: login, except: nil, by: login, now: now) }
            }
            return outcome.lockedUntil
        }
    }

    /// Appends one audit entry on its own, for refusals that change nothing else.
    func record(_ entry: AccountEventEntry, now: Int64) async throws {
        try await database.write { db in try Self.append(db, entry, now: now) }
    }

    // MARK: Reading and writing within a transaction

    static func account(_ db: Database, login: String) throws -> AccountRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM account WHERE login = ?", arguments: [login]).map(record)
    }

    static func require(_ db: Database, login: String) throws -> AccountRecord {
        guard let record = try account(db, login: login) else {
            throw RPCError(.notFound, "there is no account \(login)")
        }
        return record
    }

    static func accounts(_ db: Database) throws -> [AccountRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY login").map(record)
    }

    private static func insert(_ db: Database, _ profile: AccountProfile, passwordHash: String, by: String, now: Int64)
        throws -> AccountRecord
    {
        guard try account(db, login: profile.login) == nil else {
            throw RPCError(.alreadyExists, "the login \(profile.login) is taken")
        }
        try db.execute(
            sql: """
                INSERT INTO account (login, name, phone, email, roles, unit, disabled, password_hash, must_change_password,
                    failed_attempts, locked_until_ms, created_ms, created_by, last_sign_in_ms, updated_ms)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, 1, 0, NULL, ?, ?, NULL, ?)
                """,
            arguments: [
                profile.login, profile.name, profile.phone, profile.email, try json(profile.roles), profile.unit ?? "",
                passwordHash, now, by, now,
            ]
        )
        let roles = profile.roles.sorted().map(\.rawValue).joined(separator: ",")
        let detail = "roles \(roles)" + (profile.unit.map { ", unit \($0)" } ?? "")
        try append(db, AccountEventEntry(kind: .accountCreated, login: profile.login, by: by, detail: detail), now: now)
        return try require(db, login: profile.login)
    }

    /// Refuses to leave the console without an enabled administrator, who alone can mend accounts.
    private static func requireAnotherAdministrator(_ db: Database, than login: String, doing action: String) throws {
        let others = try accounts(db).filter { $0.isAdministrator && !$0.disabled && $0.login != login }
        guard others.isEmpty else { return }
        throw RPCError(
            .failedPrecondition,
            "\(login) is the only enabled administrator; give another account the administrator role before you \(action) it"
        )
    }

    private static func changedFields(from old: AccountProfile, to new: AccountProfile) -> String {
        var fields: [String] = []
        if old.name != new.name { fields.append("name") }
        if old.phone != new.phone { fields.append("phone") }
        if old.email != new.email { fields.append("email") }
        if old.roles != new.roles {
            fields.append("roles \(new.roles.sorted().map(\.rawValue).joined(separator: ","))")
        }
        if old.unit != new.unit { fields.append("unit \(new.unit ?? "none")") }
        return fields.isEmpty ? "no change" : "changed " + fields.joined(separator: "; ")
    }

    static func record(_ row: Row) throws -> AccountRecord {
        let login: String = row["login"]
        let roleTexts: [String]
        do {
            roleTexts = try JSONDecoder().decode([String].self, from: Data((row["roles"] as String).utf8))
        } catch {
            throw CorruptData(description: "account \(login): roles are not a JSON array of strings")
        }
        var roles: Set<Role> = []
        for text in roleTexts {
            guard let role = Role(rawValue: text) else {
                throw CorruptData(description: "account \(login): unknown role \(text)")
            }
            roles.insert(role)
        }
        let unit: String = row["unit"]
        return AccountRecord(
            profile: AccountProfile(
                login: login, name: row["name"], phone: row["phone"], email: row["email"], roles: roles,
                unit: unit.isEmpty ? nil : unit
            ),
            disabled: row["disabled"],
            passwordHash: row["password_hash"],
            mustChangePassword: row["must_change_password"],
            failedAttempts: row["failed_attempts"],
            lockedUntil: row["locked_until_ms"],
            created: row["created_ms"],
            createdBy: row["created_by"],
            lastSignIn: row["last_sign_in_ms"]
        )
    }

    static func json(_ roles: Set<Role>) throws -> String {
        String(decoding: try JSONEncoder().encode(roles.sorted().map(\.rawValue)), as: UTF8.self)
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
