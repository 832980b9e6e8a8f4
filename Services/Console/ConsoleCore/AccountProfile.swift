import Domain
import Foundation
import RPC
import WireProtocol

/// Who an account is and what it may act as: the part of an account an administrator writes.
///
/// Read from the wire by throwing: a profile is complete and valid, or the call is refused with a
/// violation for every field at fault and nothing is stored.
struct AccountProfile: Sendable, Hashable {
    var login: String
    var name: String
    var phone: String
    var email: String
    var roles: Set<Role>
    /// The unit code of routing's directory; nil for bureau-wide accounts.
    var unit: String?

    /// The roles whose holder acts for one unit, and so must belong to one.
    static let unitRoles: Set<Role> = [.liaison, .unitLeader, .deputyLeader]

    init(login: String, name: String, phone: String = "", email: String = "", roles: Set<Role>, unit: String? = nil) {
        self.login = login
        self.name = name
        self.phone = phone
        self.email = email
        self.roles = roles
        self.unit = unit
    }

    /// The profile `wire` describes (`field` names it in violations, e.g. `account`), or
    /// `invalid_argument` listing every problem.
    init(wire: Wire.Account?, field: String = "account") throws(RPCError) {
        guard let wire else {
            throw RPCError(
                .invalidArgument, "the account is required",
                fieldViolations: [FieldViolation(field: field, code: "required", message: "the account is required")]
            )
        }
        var violations: [FieldViolation] = []
        if let violation = Self.loginViolation(wire.login, field: "\(field).login") { violations.append(violation) }
        let name = wire.name.trimmingCharacters(in: .whitespaces)
        if !Self.isDisplayName(name) {
            violations.append(
                FieldViolation(
                    field: "\(field).name", code: name.isEmpty ? "required" : "invalid",
                    message: "the name is 1 to 100 characters without control characters"
                )
            )
        }
        if !wire.phone.isEmpty && !Self.isPhone(wire.phone) {
            violations.append(
                FieldViolation(
                    field: "\(field).phone", code: "invalid", message: "a phone number is up to 32 digits, '+' or '-'")
            )
        }
        if !wire.email.isEmpty && !EmailAddress.isValid(wire.email) {
            violations.append(
                FieldViolation(field: "\(field).email", code: "invalid", message: "not a valid e-mail address"))
        }
        let roles = Self.roles(wire.roles, field: "\(field).roles", violations: &violations)
        if !wire.unit.isEmpty && !Self.isUnitCode(wire.unit) {
            violations.append(
                FieldViolation(
                    field: "\(field).unit", code: "invalid", message: "a unit code is 1 to 64 of a-z, 0-9 and '_'")
            )
        }
        if wire.unit.isEmpty, let role = roles.sorted().first(where: Self.unitRoles.contains) {
            violations.append(
                FieldViolation(
                    field: "\(field).unit", code: "required", message: "a \(role) belongs to a unit: name its code")
            )
        }
        guard violations.isEmpty else {
            throw RPCError(.invalidArgument, "the account is invalid; nothing was stored", fieldViolations: violations)
        }
        self.init(
            login: wire.login, name: name, phone: wire.phone, email: wire.email, roles: roles,
            unit: wire.unit.isEmpty ? nil : wire.unit)
    }

    /// Why `login` is no login: 1–64 of `a-z 0-9 . _ -`.
    static func loginViolation(_ login: String, field: String) -> FieldViolation? {
        let allowed =
            (1...64).contains(login.utf8.count)
            && login.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
        guard !allowed else { return nil }
        return FieldViolation(
            field: field, code: login.isEmpty ? "required" : "invalid",
            message: "a login is 1 to 64 of a-z, 0-9, '.', '_' and '-'"
        )
    }

    /// 1–100 characters, none of them control or format characters: what a credential's name claim allows.
    static func isDisplayName(_ name: String) -> Bool {
        (1...100).contains(name.count) && !hasInvisibleCharacters(name)
    }

    /// Control characters, and format characters such as U+202E that would reorder a log line.
    static func hasInvisibleCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }
    }

    static func isPhone(_ phone: String) -> Bool {
        phone.utf8.count <= 32
            && phone.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "+")
                    || $0 == UInt8(ascii: "-")
            }
            && phone.utf8.contains { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// `^[a-z0-9_]{1,64}$`, the form of routing's unit codes.
    static func isUnitCode(_ unit: String) -> Bool {
        (1...64).contains(unit.utf8.count)
            && unit.utf8.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: "_")
            }
    }

    /// The staff roles named by `texts`: at least one, each known, none twice, none of the services' own.
    private static func roles(_ texts: [String], field: String, violations: inout [FieldViolation]) -> Set<Role> {
        guard !texts.isEmpty else {
            violations.append(
                FieldViolation(field: field, code: "required", message: "an account holds at least one role"))
            return []
        }
        var roles: Set<Role> = []
        for (index, text) in texts.enumerated() {
            let place = "\(field)[\(index)]"
            guard let role = Role(rawValue: text) else {
                let known = Role.allCases.filter(\.isStaff).map(\.rawValue).joined(separator: ", ")
                violations.append(
                    FieldViolation(
                        field: place, code: "unknown_role", message: "unknown role; expected one of \(known)"))
                continue
            }
            guard role.isStaff else {
                violations.append(
                    FieldViolation(
                        field: place, code: "not_staff",
                        message: "\(role) belongs to the platform or the services, not to a person")
                )
                continue
            }
            if !roles.insert(role).inserted {
                violations.append(FieldViolation(field: place, code: "duplicate", message: "\(role) is listed twice"))
            }
        }
        return roles
    }
}
