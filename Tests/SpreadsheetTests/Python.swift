import Foundation

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        let (exits, exitContinuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            exitContinuation.yield(process.terminationStatus)
            exitContinuation.finish()
        }
        try process.run()
        // Both pipes are drained at once so that a script that fills one cannot stall on it.
        async let outputData = readToEnd(output.fileHandleForReading)
        async let errorData = readToEnd(error.fileHandleForReading)
        let (stdout, stderr) = await (outputData, errorData)
        let status = await exits.first { _ in true } ?? -1
        return Result(status: status, output: stdout, errorOutput: String(decoding: stderr, as: UTF8.self))
    }

    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
        }
    }
}
