import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One program the benchmark started: its standard output and error go to a log file, which is
/// read for the line that says it is ready (services print `ready host:port`, the gateway also
/// `http-ready`, the simulator `simulator-ready`), as `scripts/browser/stack.py` waits for them.
final class LaunchedProcess: @unchecked Sendable {
    struct LaunchError: Error, CustomStringConvertible {
        var description: String
    }

    let name: String
    let logPath: String
    private let process: Process

    init(name: String, executable: URL, arguments: [String] = [], environment: [String: String], logPath: String) throws
    {
        self.name = name
        self.logPath = logPath
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw LaunchError(description: "\(executable.path) is not an executable (build it, or give --bin)")
        }
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
            let log = FileHandle(forWritingAtPath: logPath)
        else {
            throw LaunchError(description: "cannot create the log file \(logPath)")
        }
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try log.close()
    }

    var processIdentifier: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// The log so far (what the program printed).
    var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// Waits, polling the log, until a line starts with `prefix`; fails with the log's tail when
    /// the program exits first or `seconds` pass.
    func waitForLine(startingWith prefix: String, seconds: Double = 120) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if log.split(separator: "\n").contains(where: { $0.hasPrefix(prefix) }) { return }
            guard process.isRunning else {
                throw LaunchError(
                    description: "\(name) exited (status \(process.terminationStatus)) before printing \(prefix):\n"
                        + String(log.suffix(3000)))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LaunchError(
            description: "\(name) printed no \(prefix) line within \(Int(seconds)) s:\n\(log.suffix(3000))")
    }

    /// Peak resident memory (VmHWM) in MiB, read from /proc while the process runs; nil after it exited.
    var peakResidentMiB: Double? { mebibytes("VmHWM:", in: "status") }

    /// Proportional set size in MiB (`Pss` of /proc/PID/smaps_rollup): shared pages count by
    /// their share; nil after it exited.
    var proportionalMiB: Double? { mebibytes("Pss:", in: "smaps_rollup") }

    /// The kB figure on the line of /proc/PID/`file` that starts with `key`, in MiB.
    private func mebibytes(_ key: String, in file: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(processIdentifier)/\(file)", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }),
            let kilobytes = line.split(separator: " ").compactMap({ Double($0) }).first
        else { return nil }
        return kilobytes / 1024
    }

    /// CPU time (user and system) used so far, in seconds; nil after it exited.
    var cpuSeconds: Double? { Self.cpuSeconds(ofProcess: "\(processIdentifier)") }

    /// CPU time (user and system) of `/proc/<process>` (a pid, or `self`), in seconds.
    static func cpuSeconds(ofProcess process: String) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
            let commandEnd = stat.lastIndex(of: ")")
        else { return nil }
        // proc(5): after the command in parentheses come the state (field 3), …, utime (14), stime (15).
        let fields = stat[stat.index(after: commandEnd)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM, then SIGKILL when it has not exited after `seconds`; returns the exit status.
    @discardableResult
    func stop(seconds: Double = 20) async -> Int32 {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            _ = kill(processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }
}
