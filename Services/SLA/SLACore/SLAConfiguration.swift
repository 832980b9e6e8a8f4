public import Domain
import Foundation
import ServiceDirectory
public import ServiceKit

/// The SLA service's own settings, from environment variables with documented defaults (the
/// common ones are in `ServiceEnvironment`):
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SUBAN_SLA_POLICY_FILE` | (unset: the shipped profile) | JSON file of deadline policies (`Services/SLA/README.md`) |
/// | `SUBAN_INTAKE_HOST`, `SUBAN_INTAKE_PORT` | `127.0.0.1`, 7402 | where fired events are delivered |
public struct SLAConfiguration: Sendable {
    /// A setting that cannot be used; the service refuses to start.
    public struct ConfigurationError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The policy file, when one is configured.
    public var policyFile: String?
    /// The policies in force.
    public var policies: DeadlinePolicySet
    /// Intake's address, for delivering events.
    public var intake: ServiceEnvironment

    /// Reads the settings; an unreadable or invalid policy file is an error naming the file.
    public init(environment: [String: String]) throws {
        if let path = environment["SUBAN_SLA_POLICY_FILE"], !path.isEmpty {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(description: "SUBAN_SLA_POLICY_FILE=\"\(path)\" cannot be read")
            }
            do {
                policies = try DeadlinePolicySet.decode(jsonBytes: bytes)
            } catch {
                throw ConfigurationError(description: "SUBAN_SLA_POLICY_FILE=\"\(path)\" is invalid: \(error.message)")
            }
            policyFile = path
        } else {
            policies = .shippedDefault
            policyFile = nil
        }
        do {
            intake = try ServiceEnvironment(service: .intake, environment: environment)
        } catch {
            throw ConfigurationError(description: "\(error)")
        }
    }

    /// The settings as printed at start, one `name=value` a line.
    public var effectiveConfiguration: [String] {
        [
            "SUBAN_SLA_POLICY_FILE=\(policyFile ?? "")",
            "SLA_POLICY_PROFILE=\(policies.profile)",
            "SUBAN_INTAKE_HOST=\(intake.host)",
            "SUBAN_INTAKE_PORT=\(intake.port)",
        ]
    }
}
