import Foundation

/// A helper server run as a real process for a test (an SMTP server in Python, say): it prints
/// `<readyPrefix><port>` (`smtp-ready 2525`) on its standard output once it listens, then one
/// JSON line per thing it saw, and stops when its standard input closes.
public struct ReportingProcess<Report: Decodable & Sendable>: Sendable {
    public let port: Int
    /// What the process reported, decoded; lines that are not a `Report` are passed over. Ends
    /// when the process has exited.
    public let reports: AsyncStream<Report>
    private let process: ChildProcess

    /// Starts `/usr/bin/env <arguments>` and returns once it says it listens; `nil` when it exits
    /// before that.
    public static func start(_ arguments: [String], readyPrefix: String = "smtp-ready ") async throws
        -> ReportingProcess?
    {
        let process = try await ChildProcess.start(
            URL(fileURLWithPath: "/usr/bin/env"), arguments: arguments, keepsInputOpen: true)
        let ready = await process.line { $0.hasPrefix(readyPrefix) }
        guard let port = Int(ready.dropFirst(readyPrefix.count)) else {
            process.closeInput()
            await process.exitStatus()
            return nil
        }
        let lines = process.lines()
        let reports = AsyncStream<Report> { continuation in
            let decoding = Task {
                for await line in lines {
                    if let report = try? JSONDecoder().decode(Report.self, from: Data(line.utf8)) {
                        continuation.yield(report)
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in decoding.cancel() }
        }
        return ReportingProcess(port: port, reports: reports, process: process)
    }

    /// Closes the process's standard input, upon which it exits (and `reports` ends).
    public func stop() {
        process.closeInput()
    }
}
