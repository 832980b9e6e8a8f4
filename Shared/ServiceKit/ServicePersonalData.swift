import Foundation
public import PersonalData
import ServiceDirectory

/// The services that keep callers' personal data (intake, and the gateway for raw pushes) seal
/// it with a key ring of their own (``PersonalDataKeys``): this reads it for `ServiceMain`, and
/// runs `suban-<service> personal-data-key rotate`.
public protocol KeepsPersonalData: ServiceDefinition {}

extension ServiceEnvironment {
    /// Where this service's key ring comes from (a variable, or its file under the data folder).
    public func personalDataSource(_ variables: [String: String]) -> PersonalDataKeys.Source {
        PersonalDataKeys.Source(
            prefix: service.environmentPrefix, service: service.rawValue, dataDirectory: dataDirectory,
            environment: variables
        )
    }

    /// The ring, created in its file on first run.
    public func personalDataKeys(_ variables: [String: String]) throws(PersonalDataKeys.Problem) -> PersonalDataKeys {
        try PersonalDataKeys.load(from: personalDataSource(variables), environment: variables)
    }
}

enum PersonalDataKeyCommand {
    static let usage = "personal-data-key rotate"

    /// Adds a new current key to the ring's file and says what happens next. A ring given as a
    /// variable is the deployment's to change.
    static func rotate(_ environment: ServiceEnvironment, variables: [String: String]) -> Never {
        let program = "suban-\(environment.service.rawValue)"
        switch environment.personalDataSource(variables) {
        case .variable(let name):
            fail("\(program): the personal-data keys come from \(name); add a key there and make it current", status: 2)
        case .file(let path):
            do {
                let keys = try PersonalDataKeys.rotate(file: path)
                standardOutput(
                    "\(program): \(keys.currentID) is now the current personal-data key in \(path) (keys \(keys.keyIDs.joined(separator: ", "))); "
                        + "at its next start \(program) seals every record again under \(keys.currentID)")
                exit(0)
            } catch {
                fail("\(program): \(error)", status: 1)
            }
        }
    }
}
