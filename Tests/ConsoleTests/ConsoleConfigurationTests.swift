import ConsoleCore
import ServiceDirectory
import ServiceKit
import Testing

/// The console's settings: documented defaults, and a service that refuses to start on a bad value.
@Suite("console configuration")
struct ConsoleConfigurationTests {
    @Test func theDefaultsAreTheDocumentedOnes() throws {
        let configuration = try ConsoleConfiguration(variables: [:])
        #expect(configuration == ConsoleConfiguration())
        #expect(
            configuration.bcryptCost == 12 && configuration.lockoutAfter == 5 && configuration.lockoutSeconds == 900)
        #expect(configuration.sessionIdleSeconds == 1800 && configuration.sessionMaximumSeconds == 43_200)
    }

    @Test func everySettingIsRead() throws {
        let configuration = try ConsoleConfiguration(variables: [
            "SUBAN_CONSOLE_BCRYPT_COST": "4", "SUBAN_CONSOLE_LOCKOUT_AFTER": "3", "SUBAN_CONSOLE_LOCKOUT_SECONDS": "60",
            "SUBAN_CONSOLE_SESSION_IDLE_SECONDS": "600", "SUBAN_CONSOLE_SESSION_MAX_SECONDS": "3600",
        ])
        #expect(
            configuration
                == ConsoleConfiguration(
                    bcryptCost: 4, lockoutAfter: 3, lockoutSeconds: 60, sessionIdleSeconds: 600,
                    sessionMaximumSeconds: 3600))
        #expect(configuration.effectiveConfiguration.first == "SUBAN_CONSOLE_BCRYPT_COST=4")
    }

    @Test(arguments: [
        ("SUBAN_CONSOLE_BCRYPT_COST", "3"), ("SUBAN_CONSOLE_BCRYPT_COST", "17"), ("SUBAN_CONSOLE_LOCKOUT_AFTER", "0"),
        ("SUBAN_CONSOLE_SESSION_IDLE_SECONDS", "ten"), ("SUBAN_CONSOLE_SESSION_MAX_SECONDS", ""),
    ])
    func anUnusableValueNamesItsVariable(variable: String, value: String) {
        let error = #expect(throws: ServiceEnvironment.ConfigurationError.self) {
            _ = try ConsoleConfiguration(variables: [variable: value])
        }
        #expect(error?.variable == variable)
    }
}
