import Foundation

/// A helper server run as a real process for a test (an SMTP server in Python, say): it prints
/// `<readyPrefix><port>` (`smtp-ready 2525`) on its standard output once it listens, then one
/// JSON line per thing it saw, and stops when its standard input closes.
public struct ReportingProcess<Report: Decodable & Sendable>: @unchecked Sendable {
    public let port: Int
    /// What the process reported, decoded; lines that are not a `Report` are passed over.
    public let reports: AsyncStream<Report>
    private let process: Process
    private let input: Pipe

    /// Starts `/usr/bin/env <arguments>` and returns once it says it listens; `nil` when it exits
    /// before that.
    public static func start(_ arguments: [String], readyPrefix: String = "smtp-ready ") async throws
        -> ReportingProcess?
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        let (reports, reportContinuation) = AsyncStream.makeStream(of: Report.self)
        let (ready, readyContinuation) = AsyncStream.makeStream(of: Int.self)
        let handle = output.fileHandleForReading
        // A thread of its own: the pipe is read with blocking calls, which a task must not make.
        Thread {
            var pending = ""
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                pending += String(decoding: data, as: UTF8.self)
                while let newline = pending.firstIndex(of: "\n") {
                    let line = String(pending[..<newline])
                    pending = String(pending[pending.index(after: newline)...])
                    if line.hasPrefix(readyPrefix), let port = Int(line.dropFirst(readyPrefix.count)) {
                        readyContinuation.yield(port)
                    } else if let report = try? JSONDecoder().decode(Report.self, from: Data(line.utf8)) {
                        reportContinuation.yield(report)
                    }
                }
            }
            readyContinuation.finish()
            reportContinuation.finish()
        }.start()
        var iterator = ready.makeAsyncIterator()
        guard let port = await iterator.next() else {
            process.waitUntilExit()
            return nil
        }
        return ReportingProcess(port: port, reports: reports, process: process, input: input)
    }

    /// Closes the process's standard input and waits for it to exit.
    public func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
