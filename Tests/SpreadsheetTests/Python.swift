import Foundation
import TestSupport

/// Runs a Python script with the machine's `python3`, so that the files the writer produces are
/// read by independent implementations (zipfile, openpyxl) rather than by code written alongside it.
enum Python {
    struct Result {
        var status: Int32
        var output: Data
        var errorOutput: String
    }

    /// Exit status the scripts use when openpyxl cannot be imported.
    static let openpyxlMissingStatus: Int32 = 3
    static let openpyxlMissingMessage = "openpyxl is missing: run scripts/setup.sh"

    /// Runs `script` with `arguments` and collects its output once it has exited.
    static func run(_ script: String, arguments: [String]) async throws -> Result {
        let result = try await runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + arguments)
        return Result(
            status: result.status, output: Data(result.standardOutput.utf8), errorOutput: result.standardError)
    }
}
