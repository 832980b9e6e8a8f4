public import Foundation
import Subprocess
import SystemPackage

/// A Suban service started by a test: launched once it announced its address on its `ready
/// host:port` line, always stopped by `stop()`, with SIGTERM so that graceful shutdown is exercised.
public final class ServiceProcess: Sendable {
    /// The folder holding the built executables: `SUBAN_BIN_DIR`, else the test bundle's own folder
    /// (SwiftPM puts the test runner beside the products it built).
    public static var binaryDirectory: URL {
        if let directory = ProcessInfo.processInfo.environment["SUBAN_BIN_DIR"] {
            return URL(fileURLWithPath: directory)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    private let process: ChildProcess
    public let port: Int

    private init(process: ChildProcess, port: Int) {
        self.process = process
        self.port = port
    }

    /// Starts `name` (e.g. `suban-intake`) and returns once it announced its address.
    public static func launch(_ name: String, environment: [String: String]) async throws -> ServiceProcess {
        let process = try await ChildProcess.launch(name, environment: environment)
        do {
            return ServiceProcess(process: process, port: try await process.port(after: "ready "))
        } catch {
            await process.stop()
            throw error
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    @discardableResult
    public func stop() async -> Int32 {
        await process.stop()
    }
}

/// The result of running a command to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs a built executable (e.g. `subanctl`) with `arguments` and collects its output.
public func runCommand(
    _ name: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil
) async throws -> CommandResult {
    try await runProgram(
        ServiceProcess.binaryDirectory.appendingPathComponent(name), arguments, environment: environment, input: input)
}

/// Runs any program (`/usr/bin/python3`, a browser) with `arguments`, `input` as its standard input
/// (none when nil), and collects its output (up to 64 MiB of each).
public func runProgram(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], input: String? = nil
) async throws -> CommandResult {
    let limit = 64 << 20
    let result = try await Subprocess.run(
        .path(FilePath(executable.path)), arguments: Arguments(arguments),
        environment: ChildProcess.subprocessEnvironment(environment), input: .string(input ?? ""),
        output: .string(limit: limit), error: .string(limit: limit))
    return CommandResult(
        status: result.terminationStatus.code, standardOutput: result.standardOutput,
        standardError: result.standardError)
}
