public import Foundation
import Subprocess
import Synchronization
import SystemPackage

/// A program a test starts and watches: what it prints on standard output, line by line, the
/// tail of its standard error, signals, and its exit status.
///
/// Launched with swift-subprocess rather than Foundation's `Process`: on Linux, `Process.run()`
/// copies 256 bytes of every `/proc/self/fd` entry and now and then reads into an unmapped page,
/// crashing the whole test run (swift-corelibs-foundation#5472; Swift 6.3.1 has the bug).
public final class ChildProcess: Sendable {
    public struct LaunchError: Error, CustomStringConvertible {
        public var description: String
    }

    public let name: String
    private let output: PrintedLines
    private let requests: AsyncStream<Request>.Continuation
    private let exit: Task<Int32, Never>

    private enum Request: Sendable {
        case signal(Int32)
        case closeInput
    }

    private init(
        name: String, output: PrintedLines, requests: AsyncStream<Request>.Continuation, exit: Task<Int32, Never>
    ) {
        self.name = name
        self.output = output
        self.requests = requests
        self.exit = exit
    }

    /// Starts the built executable `name` (e.g. `suban-intake`) from ``ServiceProcess/binaryDirectory``.
    public static func launch(
        _ name: String, arguments: [String] = [], environment: [String: String] = [:], keepsInputOpen: Bool = false
    ) async throws -> ChildProcess {
        try await start(
            ServiceProcess.binaryDirectory.appendingPathComponent(name), arguments: arguments,
            environment: environment, keepsInputOpen: keepsInputOpen)
    }

    /// Starts `executable` with this process's environment, the test identity's and `environment`
    /// over both. Its standard input is closed at once unless `keepsInputOpen`, in which case it
    /// stays open until ``closeInput()`` (a helper server that stops at end of input).
    public static func start(
        _ executable: URL, arguments: [String] = [], environment: [String: String] = [:],
        keepsInputOpen: Bool = false
    ) async throws -> ChildProcess {
        let name = executable.lastPathComponent
        let output = PrintedLines()
        let (requests, requestSink) = AsyncStream.makeStream(of: Request.self)
        let (started, startedSink) = AsyncStream.makeStream(of: Void.self)
        let launch = Task { () async throws -> TerminationStatus in
            defer {
                startedSink.finish()
                output.end()
            }
            let result = try await Subprocess.run(
                .path(FilePath(executable.path)), arguments: Arguments(arguments),
                environment: subprocessEnvironment(environment), input: .inputWriter, output: .sequence,
                error: .sequence
            ) { execution in
                startedSink.yield()
                startedSink.finish()
                if !keepsInputOpen { try await execution.standardInputWriter.finish() }
                let handling = Task {
                    // Failures here are the child's having exited already: nothing left to signal or close.
                    for await request in requests {
                        switch request {
                        case .signal(let number): try? execution.send(signal: Signal(rawValue: number))
                        case .closeInput: try? await execution.standardInputWriter.finish()
                        }
                    }
                }
                var failure: (any Error)?
                do {
                    async let printed: Void = {
                        for try await line in execution.standardOutput.strings() { output.append(line) }
                    }()
                    for try await line in execution.standardError.strings() { output.appendError(line) }
                    try await printed
                } catch {
                    failure = error
                }
                // No signal after the body returns: the process descriptor it goes through is closed then.
                handling.cancel()
                await handling.value
                if let failure { throw failure }
            }
            return result.terminationStatus
        }
        guard await started.first(where: { true }) != nil else {
            let reason = if case .failure(let error) = await launch.result { ": \(error)" } else { "" }
            throw LaunchError(description: "\(name) did not start\(reason)")
        }
        let exit = Task {
            do {
                return try await launch.value.code
            } catch {
                // Reading its output failed (a line past 128 KiB, say): said in the error tail, which a failing test shows.
                output.appendError("\(name): \(error)")
                return -1
            }
        }
        return ChildProcess(name: name, output: output, requests: requestSink, exit: exit)
    }

    /// What every child is given: this process's environment, the test identity's, then `extra`.
    static func subprocessEnvironment(_ extra: [String: String]) -> Subprocess.Environment {
        let variables = ProcessInfo.processInfo.environment.merging(TestIdentity.processEnvironment) { $1 }
            .merging(extra) { $1 }
        return .custom(Dictionary(uniqueKeysWithValues: variables.map { (.init(stringLiteral: $0.key), $0.value) }))
    }

    /// The lines printed on standard output so far.
    public var printed: [String] { output.lines }

    /// The last lines printed on standard error, for the message of a test whose process failed.
    public var errorTail: String { output.errorTail }

    /// Every line printed on standard output, those before this call first, until the output ends.
    public func lines() -> AsyncStream<String> { output.subscribe() }

    /// The first line (printed before or after this call) that `matches`; `""` when the output ended
    /// without one, so that a test fails rather than hangs.
    public func line(where matches: (String) -> Bool) async -> String {
        for await line in lines() where matches(line) { return line }
        return ""
    }

    /// The port of the first `<prefix>host:port` line (`ready 127.0.0.1:7421`).
    public func port(after prefix: String) async throws -> Int {
        let line = await line { $0.hasPrefix(prefix) }
        guard let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw LaunchError(description: "\(name) exited before printing \(prefix): \(errorTail)")
        }
        return port
    }

    public var isRunning: Bool { !output.ended }

    public func signal(_ number: Int32) {
        requests.yield(.signal(number))
    }

    /// Ends the child's standard input (started with `keepsInputOpen`).
    public func closeInput() {
        requests.yield(.closeInput)
    }

    /// The exit status, once it exited: the code, or the signal that ended it.
    @discardableResult
    public func exitStatus() async -> Int32 {
        await exit.value
    }

    /// SIGTERM without waiting (for a `defer`); ``stop()`` waits for the exit.
    public func terminate() {
        signal(SIGTERM)
    }

    /// SIGTERM, so that graceful shutdown is exercised, then the exit status.
    @discardableResult
    public func stop() async -> Int32 {
        signal(SIGTERM)
        return await exitStatus()
    }

    /// SIGKILL: no graceful shutdown, as a crash or an OOM kill ends it.
    @discardableResult
    public func kill() async -> Int32 {
        signal(SIGKILL)
        return await exitStatus()
    }
}

extension TerminationStatus {
    /// As Foundation's `Process.terminationStatus`: the exit code, or the signal that ended it.
    var code: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let signal): signal
        }
    }
}

/// A child's printed lines, shared between the task reading them and the tests waiting on them.
private final class PrintedLines: Sendable {
    private struct State {
        var lines: [String] = []
        var errors: [String] = []
        var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
        var ended = false
    }

    private let state = Mutex(State())

    var lines: [String] { state.withLock { $0.lines } }
    var errorTail: String { state.withLock { $0.errors.suffix(5).joined(separator: "\n") } }
    var ended: Bool { state.withLock { $0.ended } }

    func append(_ line: String) {
        state.withLock { state in
            state.lines.append(line)
            for subscriber in state.subscribers.values { subscriber.yield(line) }
        }
    }

    func appendError(_ line: String) {
        state.withLock { state in
            state.errors.append(line)
            if state.errors.count > 200 { state.errors.removeFirst(100) }
        }
    }

    /// No more lines: the child closed its output (it exited) or never started.
    func end() {
        let subscribers = state.withLock { state in
            state.ended = true
            defer { state.subscribers = [:] }
            return state.subscribers.values
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
        let id = UUID()
        state.withLock { state in
            for line in state.lines { continuation.yield(line) }
            if state.ended {
                continuation.finish()
            } else {
                state.subscribers[id] = continuation
            }
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }
}
