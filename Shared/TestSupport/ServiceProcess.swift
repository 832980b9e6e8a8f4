public import Foundation

/// A Suban executable started by a test: a service waits for its `ready host:port` line; the
/// process is always stopped by `stop()`, with SIGTERM so that graceful shutdown is exercised.
public final class ServiceProcess: @unchecked Sendable {
    public struct LaunchError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The folder holding the built executables: `SUBAN_BIN_DIR`, else the test bundle's own folder
    /// (SwiftPM puts the test runner beside the products it built).
    public static var binaryDirectory: URL {
        if let directory = ProcessInfo.processInfo.environment["SUBAN_BIN_DIR"] {
            return URL(fileURLWithPath: directory)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    private let process: Process
    private let exited: Task<Int32, Never>
    public let port: Int

    private init(process: Process, exited: Task<Int32, Never>, port: Int) {
        self.process = process
        self.exited = exited
        self.port = port
    }

    /// Starts `name` (e.g. `suban-intake`) and returns once it announced its address.
    public static func launch(_ name: String, environment: [String: String]) async throws -> ServiceProcess {
        let process = Process()
        process.executableURL = binaryDirectory.appendingPathComponent(name)
        process.environment = ProcessInfo.processInfo.environment.merging(TestIdentity.processEnvironment) { $1 }
            .merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let (exitStream, exitContinuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            exitContinuation.yield(process.terminationStatus)
            exitContinuation.finish()
        }
        try process.run()
        let exited = Task { await exitStream.first { _ in true } ?? -1 }
        do {
            let port = try await readyPort(from: output.fileHandleForReading, name: name)
            return ServiceProcess(process: process, exited: exited, port: port)
        } catch {
            process.terminate()
            _ = await exited.value
            throw error
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    @discardableResult
    public func stop() async -> Int32 {
        if process.isRunning { process.terminate() }
        return await exited.value
    }

    /// Reads stdout on a thread of its own (the reads block) until the ready line, then keeps
    /// draining it so that the service never blocks on a full pipe.
    private static func readyPort(from handle: FileHandle, name: String) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                var pending = ""
                var resumed = false
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    guard !resumed else { continue }
                    pending += String(decoding: data, as: UTF8.self)
                    for line in pending.split(separator: "\n") where line.hasPrefix("ready ") {
                        if let port = line.split(separator: ":").last.flatMap({ Int($0) }) {
                            resumed = true
                            continuation.resume(returning: port)
                            break
                        }
                    }
                }
                if !resumed {
                    continuation.resume(throwing: LaunchError(description: "\(name) exited before it was ready"))
                }
            }
            thread.start()
        }
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
/// (closed when nil), and collects its output.
public func runProgram(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], input: String? = nil
) async throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let standardInput = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : standardInput
    process.environment = ProcessInfo.processInfo.environment.merging(TestIdentity.processEnvironment) { $1 }.merging(
        environment
    ) { $1 }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    let (exitStream, exitContinuation) = AsyncStream.makeStream(of: Int32.self)
    process.terminationHandler = { process in
        exitContinuation.yield(process.terminationStatus)
        exitContinuation.finish()
    }
    try process.run()
    if let input {
        // Small answers to prompts: they fit the pipe's buffer, so writing cannot block.
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
    }
    // Both pipes are read to the end before waiting, so a chatty command cannot fill one and stall.
    async let outputData = readToEnd(output.fileHandleForReading)
    async let errorData = readToEnd(error.fileHandleForReading)
    let (stdout, stderr) = await (outputData, errorData)
    let status = await exitStream.first { _ in true } ?? -1
    return CommandResult(
        status: status,
        standardOutput: String(decoding: stdout, as: UTF8.self),
        standardError: String(decoding: stderr, as: UTF8.self)
    )
}

private func readToEnd(_ handle: FileHandle) async -> Data {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
    }
}
