public import Foundation
import Subprocess
import SystemPackage

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

        var ownGroup = PlatformOptions()
        ownGroup.processGroupID = 0
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await Subprocess.run(
            .path(FilePath(executable.path)),
            arguments: [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--hide-scrollbars", "--user-data-dir=" + workDirectory.appendingPathComponent("profile").path,
                "--window-size=1280,2000", "--screenshot=" + screenshot.path, "--dump-dom", page.absoluteString,
            ],
            platformOptions: ownGroup,
            input: .none,
            output: .fileDescriptor(FileDescriptor(rawValue: dom.fileDescriptor), closeAfterSpawningProcess: false),
            error: .fileDescriptor(FileDescriptor(rawValue: log.fileDescriptor), closeAfterSpawningProcess: false)
        ) { execution in
            let processID = execution.processIdentifier.value
            // A deadline, not synchronisation: the normal path ends on the exit, and the sleep is cancelled.
            return Task {
                guard (try? await Task.sleep(for: timeout)) != nil else { return false }
                Self.forceKill(processID)
                return true
            }
        }
        let watchdog = result.closureResult
        watchdog.cancel()
        let timedOut = await watchdog.value
        let elapsed = clock.now - start
        return Run(
            status: result.terminationStatus.code,
            timedOut: timedOut,
            dom: (try? String(contentsOf: domFile, encoding: .utf8)) ?? "",
            log: (try? String(contentsOf: logFile, encoding: .utf8)) ?? "",
            elapsed: elapsed
        )
    }

    /// SIGKILL to the browser's process group (so that its renderer and GPU helpers go too); to
    /// the browser alone should it not lead one.
    private static func forceKill(_ processID: pid_t) {
        _ = kill(getpgid(processID) == processID ? -processID : processID, SIGKILL)
    }
}
