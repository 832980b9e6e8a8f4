public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a headless Chromium over a page file: the DOM it built and a screenshot.
public struct Chromium: Sendable {
    /// What one run produced.
    public struct Run: Sendable {
        public var status: Int32
        public var timedOut: Bool
        public var dom: String
        public var log: String
        public var elapsed: Duration
    }

    /// `SUBAN_CHROMIUM` when set, else the first `chromium` or `chromium-browser` on `PATH`.
    public static let executable: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["SUBAN_CHROMIUM"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for directory in directories {
                let path = String(directory) + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
            }
        }
        return nil
    }()

    /// `SUBAN_SKIP_BROWSER=1`: a machine without Chromium skips the browser test instead of failing.
    public static var skipRequested: Bool { ProcessInfo.processInfo.environment["SUBAN_SKIP_BROWSER"] == "1" }

    public let executable: URL

    public init(executable: URL) {
        self.executable = executable
    }

    /// Loads `page` headless, dumps its DOM and writes a `screenshot` PNG; kills the browser
    /// (its whole process group) when it has not exited after `timeout`.
    ///
    /// Output goes to files, not pipes: Chromium's helper processes inherit the descriptors, and a
    /// pipe would stay open (and a reader blocked) for as long as any of them lingers.
    public func render(page: URL, screenshot: URL, workDirectory: URL, timeout: Duration) async throws -> Run {
        let domFile = workDirectory.appendingPathComponent("dom.html")
        let logFile = workDirectory.appendingPathComponent("chromium.log")
        for file in [domFile, logFile] { try Data().write(to: file) }
        let dom = try FileHandle(forWritingTo: domFile)
        let log = try FileHandle(forWritingTo: logFile)
        defer {
            try? dom.close()
            try? log.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--hide-scrollbars", "--user-data-dir=" + workDirectory.appendingPathComponent("profile").path,
            "--window-size=1280,2000", "--screenshot=" + screenshot.path, "--dump-dom", page.absoluteString,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = dom
        process.standardError = log
        let exited = Gate()
        process.terminationHandler = { _ in exited.open() }

        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let processID = process.processIdentifier
        let timedOut = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await exited.wait()
                return false
            }
            group.addTask {
                // A deadline, not synchronisation: the normal path ends on the exit above, which
                // cancels this sleep.
                guard (try? await Task.sleep(for: timeout)) != nil else { return false }
                Self.forceKill(processID)
                return true
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        await exited.wait()
        let elapsed = clock.now - start
        return Run(
            status: process.terminationStatus,
            timedOut: timedOut,
            dom: (try? String(contentsOf: domFile, encoding: .utf8)) ?? "",
            log: (try? String(contentsOf: logFile, encoding: .utf8)) ?? "",
            elapsed: elapsed
        )
    }

    /// SIGKILL to the browser's process group when it leads one (so that its renderer and GPU
    /// helpers go too), else to the browser alone.
    private static func forceKill(_ processID: pid_t) {
        _ = kill(getpgid(processID) == processID ? -processID : processID, SIGKILL)
    }
}
