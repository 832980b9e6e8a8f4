import Domain
import Foundation
import Logging
import RPC
import WireProtocol

// The administrators' methods (the gate has checked the role), and the contacts the services ask for.

extension ConsoleHandlers {
    /// The most entries one listing returns, and how many when the caller names no limit.
    static let eventLimits = (default: 100, maximum: 1000)

    func createAccount(
        _ request: Wire.CreateAccountRequest,
        _ context: ServerContext,
        _ caller: SessionGate.SignedIn
    ) async throws -> Wire.CreateAccountResponse {
        let profile = try AccountProfile(wire: request.account)
        let oneTimePassword = PasswordRules.makeOneTimePassword()
        let hash = await hasher.hash(oneTimePassword)
        let record = try await store.create(profile, passwordHash: hash, by: caller.login, now: milliseconds())
        context.logger.info("console.account.created", metadata: ["account.login": "\(record.login)"])
        return Wire.CreateAccountResponse(account: ConsoleWireMapping.account(record), oneTimePassword: oneTimePassword)
    }

    /// The most accounts one roster import creates: a bureau's staff, with room to spare.
    static let importLimit = 500

    /// Creates a roster of accounts in one transaction, or none: every entry is checked first and
    /// every fault is named (`accounts[3].email`), a login taken already or twice refuses it all.
    func importAccounts(
        _ request: Wire.ImportAccountsRequest,
        _ context: ServerContext,
        _ caller: SessionGate.SignedIn
    ) async throws -> Wire.ImportAccountsResponse {
        guard (1...Self.importLimit).contains(request.accounts.count) else {
            throw RPCError(
                .invalidArgument, "a roster holds 1 to \(Self.importLimit) accounts; nothing was stored",
                fieldViolations: [
                    FieldViolation(field: "accounts", code: "invalid", message: "1 to \(Self.importLimit) accounts")
                ]
            )
        }
        var profiles: [AccountProfile] = []
        var violations: [FieldViolation] = []
        var seen = Set<String>()
        for (index, wire) in request.accounts.enumerated() {
            do throws(RPCError) {
                profiles.append(try AccountProfile(wire: wire, field: "accounts[\(index)]"))
            } catch {
                violations += error.fieldViolations
            }
            if !seen.insert(wire.login).inserted {
                violations.append(
                    FieldViolation(
                        field: "accounts[\(index)].login", code: "duplicate",
                        message: "the login \(wire.login) is listed twice"))
            }
        }
        guard violations.isEmpty else {
            throw RPCError(
                .invalidArgument, "the roster is invalid; no account was created", fieldViolations: violations)
        }
        var created: [(AccountProfile, password: String, hash: String)] = []
        for profile in profiles {
            let oneTimePassword = PasswordRules.makeOneTimePassword()
            created.append((profile, oneTimePassword, await hasher.hash(oneTimePassword)))
        }
        let records = try await store.create(created.map { ($0.0, $0.hash) }, by: caller.login, now: milliseconds())
        context.logger.info("console.accounts.imported", metadata: ["accounts": "\(records.count)"])
        return Wire.ImportAccountsResponse(
            created: zip(records, created).map { record, entry in
                Wire.CreateAccountResponse(account: ConsoleWireMapping.account(record), oneTimePassword: entry.password)
            }
        )
    }

    func updateAccount(
        _ request: Wire.UpdateAccountRequest,
        _ context: ServerContext,
        _ caller: SessionGate.SignedIn
    ) async throws -> Wire.UpdateAccountResponse {
        let profile = try AccountProfile(wire: request.account)
        let record = try await store.update(profile, by: caller.login, now: milliseconds())
        context.logger.info("console.account.updated", metadata: ["account.login": "\(record.login)"])
        return Wire.UpdateAccountResponse(account: ConsoleWireMapping.account(record))
    }

    func setAccountDisabled(
        _ request: Wire.SetAccountDisabledRequest,
        _ context: ServerContext,
        _ caller: SessionGate.SignedIn
    ) async throws -> Wire.SetAccountDisabledResponse {
        let login = try Self.requireLogin(request.login)
        let reason = request.reason.trimmingCharacters(in: .whitespaces)
        guard reason.count <= 200, !AccountProfile.hasInvisibleCharacters(reason) else {
            throw RPCError(
                .invalidArgument, "the reason is up to 200 characters without control characters",
                fieldViolations: [
                    FieldViolation(
                        field: "reason", code: "invalid", message: "up to 200 characters without control characters")
                ]
            )
        }
        if request.disabled && login == caller.login {
            throw RPCError(.failedPrecondition, "you cannot disable your own account; another administrator can")
        }
        let record = try await store.setDisabled(
            login: login, disabled: request.disabled, reason: reason, by: caller.login, now: milliseconds())
        context.logger.info(
            request.disabled ? "console.account.disabled" : "console.account.enabled",
            metadata: ["account.login": "\(login)"]
        )
        return Wire.SetAccountDisabledResponse(account: ConsoleWireMapping.account(record))
    }

    /// A new one-time password for the account, which ends its sessions and lifts a lockout.
    func resetPassword(
        _ request: Wire.ResetPasswordRequest,
        _ context: ServerContext,
        _ caller: SessionGate.SignedIn
    ) async throws -> Wire.ResetPasswordResponse {
        let login = try Self.requireLogin(request.login)
        guard try await store.account(login: login) != nil else {
            throw RPCError(.notFound, "there is no account \(login)")
        }
        let oneTimePassword = PasswordRules.makeOneTimePassword()
        let hash = await hasher.hash(oneTimePassword)
        try await store.resetPassword(login: login, passwordHash: hash, by: caller.login, now: milliseconds())
        context.logger.info("console.password.reset", metadata: ["account.login": "\(login)"])
        return Wire.ResetPasswordResponse(oneTimePassword: oneTimePassword)
    }

    func listAccounts(_ request: Wire.ListAccountsRequest) async throws -> Wire.ListAccountsResponse {
        let unit = try Self.unitFilter(request.unit)
        let role = try request.role.isEmpty ? nil : Self.role(request.role, field: "role")
        let records = try await store.accounts(unit: unit, role: role, includeDisabled: request.includeDisabled)
        return Wire.ListAccountsResponse(accounts: records.map(ConsoleWireMapping.account))
    }

    func listAccountEvents(_ request: Wire.ListAccountEventsRequest) async throws -> Wire.ListAccountEventsResponse {
        let login = try request.login.isEmpty ? nil : Self.requireLogin(request.login)
        let limit = request.limit == 0 ? Self.eventLimits.default : min(Int(request.limit), Self.eventLimits.maximum)
        let events = try await store.events(login: login, limit: limit)
        return Wire.ListAccountEventsResponse(events: events.map(ConsoleWireMapping.event))
    }

    /// The enabled accounts of the unit (none named: the bureau-wide accounts) holding any of the roles.
    func contacts(_ request: Wire.ContactsRequest) async throws -> Wire.ContactsResponse {
        guard !request.roles.isEmpty else {
            throw RPCError(
                .invalidArgument, "name the roles to look for",
                fieldViolations: [FieldViolation(field: "roles", code: "required", message: "at least one role")]
            )
        }
        var roles: Set<Role> = []
        for (index, text) in request.roles.enumerated() {
            roles.insert(try Self.role(text, field: "roles[\(index)]"))
        }
        let unit = try Self.unitFilter(request.unit) ?? ""
        let records = try await store.accounts(unit: unit, role: nil, includeDisabled: false)
        return Wire.ContactsResponse(
            accounts: records.filter { !$0.profile.roles.isDisjoint(with: roles) }.map(ConsoleWireMapping.account)
        )
    }

    /// A unit code to filter by, or nil for none.
    static func unitFilter(_ unit: String) throws(RPCError) -> String? {
        guard !unit.isEmpty else { return nil }
        guard AccountProfile.isUnitCode(unit) else {
            throw RPCError(
                .invalidArgument, "a unit code is 1 to 64 of a-z, 0-9 and '_'",
                fieldViolations: [FieldViolation(field: "unit", code: "invalid", message: "not a unit code")]
            )
        }
        return unit
    }

    static func role(_ text: String, field: String) throws(RPCError) -> Role {
        guard let role = Role(rawValue: text) else {
            throw RPCError(
                .invalidArgument,
                "unknown role; expected one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))",
                fieldViolations: [FieldViolation(field: field, code: "unknown_role", message: "unknown role")]
            )
        }
        return role
    }
}
