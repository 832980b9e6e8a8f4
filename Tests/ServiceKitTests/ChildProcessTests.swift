import Foundation
import TestSupport
import Testing

/// The launcher every system test starts its processes with: what they print, their standard
/// input, signals and exit status, with real programs from the base system.
@Suite("Child processes", .timeLimit(.minutes(1)))
struct ChildProcessTests {
    static let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func linesPrintedBeforeAWaiterCameAreStillFound() async throws {
        let child = try await ChildProcess.start(
            Self.shell, arguments: ["-c", "echo one; echo ready 127.0.0.1:4321; echo three"])
        #expect(await child.exitStatus() == 0)
        #expect(try await child.port(after: "ready ") == 4321)
        #expect(child.printed == ["one", "ready 127.0.0.1:4321", "three"])
        var replayed: [String] = []
        for await line in child.lines() { replayed.append(line) }
        #expect(replayed == child.printed)
    }

    @Test func aLineNeverPrintedEndsTheWaitWhenTheOutputEnds() async throws {
        let child = try await ChildProcess.start(
            Self.shell, arguments: ["-c", "echo starting; echo broken >&2; exit 7"])
        #expect(await child.line { $0.hasPrefix("ready ") } == "")
        await #expect(throws: ChildProcess.LaunchError.self) { try await child.port(after: "ready ") }
        #expect(await child.exitStatus() == 7)
        #expect(child.errorTail == "broken")
        #expect(!child.isRunning)
    }

    @Test func stopSendsSIGTERMAndKillSIGKILL() async throws {
        // The shell traps SIGTERM and exits 0 on it, as a service's graceful shutdown does.
        let graceful = try await ChildProcess.start(
            Self.shell, arguments: ["-c", "trap 'exit 0' TERM; echo up; while :; do sleep 0.05; done"])
        _ = await graceful.line { $0 == "up" }
        #expect(graceful.isRunning)
        #expect(await graceful.stop() == 0)

        let stubborn = try await ChildProcess.start(
            Self.shell, arguments: ["-c", "trap '' TERM; echo up; while :; do sleep 0.05; done"])
        _ = await stubborn.line { $0 == "up" }
        #expect(await stubborn.kill() == SIGKILL)
    }

    @Test func inputKeptOpenUntilClosed() async throws {
        let cat = try await ChildProcess.start(URL(fileURLWithPath: "/bin/cat"), keepsInputOpen: true)
        #expect(cat.isRunning)
        cat.closeInput()
        #expect(await cat.exitStatus() == 0)

        // Without `keepsInputOpen` the input is at its end from the start: `cat` exits by itself.
        let closed = try await ChildProcess.start(URL(fileURLWithPath: "/bin/cat"))
        #expect(await closed.exitStatus() == 0)
    }

    @Test func aProgramThatIsNotThereIsALaunchError() async throws {
        await #expect(throws: ChildProcess.LaunchError.self) {
            _ = try await ChildProcess.start(URL(fileURLWithPath: "/nonexistent/suban-nothing"))
        }
    }

    @Test func runProgramCollectsBothOutputsAndTheStatus() async throws {
        let result = try await runProgram(
            Self.shell, ["-c", "read line; echo \"got $line\"; echo oops >&2; exit 3"], input: "给局里\n")
        #expect(result.status == 3)
        #expect(result.standardOutput == "got 给局里\n")
        #expect(result.standardError == "oops\n")
    }
}
