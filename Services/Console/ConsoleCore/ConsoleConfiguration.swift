public import ServiceDirectory
public import ServiceKit

/// The console's own settings, read from environment variables with documented defaults.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SUBAN_CONSOLE_BCRYPT_COST` | 12 | bcrypt's cost (log2 of its rounds), 4–16 |
/// | `SUBAN_CONSOLE_LOCKOUT_AFTER` | 5 | consecutive failed sign-ins that lock an account, 1–100 |
/// | `SUBAN_CONSOLE_LOCKOUT_SECONDS` | 900 | how long a lockout lasts, 1–86400 |
/// | `SUBAN_CONSOLE_SESSION_IDLE_SECONDS` | 1800 | a session unused this long ends, 60–86400 |
/// | `SUBAN_CONSOLE_SESSION_MAX_SECONDS` | 43200 | a session ends this long after sign-in however used, 60–604800 |
public struct ConsoleConfiguration: Sendable, Equatable {
    public var bcryptCost: Int
    public var lockoutAfter: Int
    public var lockoutSeconds: Int
    public var sessionIdleSeconds: Int
    public var sessionMaximumSeconds: Int

    public init(
        bcryptCost: Int = 12,
        lockoutAfter: Int = 5,
        lockoutSeconds: Int = 900,
        sessionIdleSeconds: Int = 1800,
        sessionMaximumSeconds: Int = 43_200
    ) {
        self.bcryptCost = bcryptCost
        self.lockoutAfter = lockoutAfter
        self.lockoutSeconds = lockoutSeconds
        self.sessionIdleSeconds = sessionIdleSeconds
        self.sessionMaximumSeconds = sessionMaximumSeconds
    }

    /// Reads the settings from `variables`; an unusable value stops the service with the variable named.
    public init(variables: [String: String]) throws(ServiceEnvironment.ConfigurationError) {
        self.init(
            bcryptCost: try Self.integer(variables, "SUBAN_CONSOLE_BCRYPT_COST", default: 12, in: 4...16),
            lockoutAfter: try Self.integer(variables, "SUBAN_CONSOLE_LOCKOUT_AFTER", default: 5, in: 1...100),
            lockoutSeconds: try Self.integer(variables, "SUBAN_CONSOLE_LOCKOUT_SECONDS", default: 900, in: 1...86_400),
            sessionIdleSeconds: try Self.integer(
                variables, "SUBAN_CONSOLE_SESSION_IDLE_SECONDS", default: 1800, in: 60...86_400),
            sessionMaximumSeconds: try Self.integer(
                variables, "SUBAN_CONSOLE_SESSION_MAX_SECONDS", default: 43_200, in: 60...604_800)
        )
    }

    /// The settings as printed at start, one `name=value` a line (none of them is secret).
    public var effectiveConfiguration: [String] {
        [
            "SUBAN_CONSOLE_BCRYPT_COST=\(bcryptCost)",
            "SUBAN_CONSOLE_LOCKOUT_AFTER=\(lockoutAfter)",
            "SUBAN_CONSOLE_LOCKOUT_SECONDS=\(lockoutSeconds)",
            "SUBAN_CONSOLE_SESSION_IDLE_SECONDS=\(sessionIdleSeconds)",
            "SUBAN_CONSOLE_SESSION_MAX_SECONDS=\(sessionMaximumSeconds)",
        ]
    }

    private static func integer(
        _ variables: [String: String],
        _ variable: String,
        default defaultValue: Int,
        in range: ClosedRange<Int>
    ) throws(ServiceEnvironment.ConfigurationError) -> Int {
        guard let text = variables[variable] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw ServiceEnvironment.ConfigurationError(
                variable: variable, value: text, expected: "an integer in \(range.lowerBound)...\(range.upperBound)"
            )
        }
        return value
    }
}
