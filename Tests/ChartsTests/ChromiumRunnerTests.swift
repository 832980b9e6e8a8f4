import Foundation
import TestSupport
import Testing

/// The browser runner's own safety net, checked without a browser: a stand-in that never exits.
@Suite("Chromium runner")
struct ChromiumRunnerTests {
    @Test(.timeLimit(.minutes(1)))
    func aBrowserThatHangsIsKilledAtTheDeadline() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("suban-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        // Like Chromium, the stand-in has a child process; both must go.
        let standIn = work.appendingPathComponent("hanging-browser")
        let childFile = work.appendingPathComponent("child.pid")
        try Data("#!/bin/sh\necho started\nsleep 300 &\necho $! > '\(childFile.path)'\nwait\n".utf8).write(to: standIn)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: standIn.path)

        let run = try await Chromium(executable: standIn).render(
            page: work.appendingPathComponent("page.html"), screenshot: work.appendingPathComponent("page.png"),
            workDirectory: work, timeout: .milliseconds(500)
        )
        #expect(run.timedOut)
        #expect(run.elapsed < .seconds(30))
        #expect(run.dom == "started\n")
        #if os(Linux)
            // The child went with the group: gone, or a zombie waiting for its new parent to reap it.
            let child = try String(contentsOf: childFile, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
            let stat = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)) ?? ""
            let state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init) ?? "gone"
            #expect(state == "gone" || state == "Z", "the stand-in's child \(child) survived in state \(state)")
        #endif
    }

    @Test func aQuickExitIsNotATimeout() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("suban-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let standIn = work.appendingPathComponent("quick-browser")
        try Data("#!/bin/sh\necho \"$@\" >&2\nexit 3\n".utf8).write(to: standIn)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: standIn.path)

        let run = try await Chromium(executable: standIn).render(
            page: work.appendingPathComponent("page.html"), screenshot: work.appendingPathComponent("page.png"),
            workDirectory: work, timeout: .seconds(60)
        )
        #expect(!run.timedOut)
        #expect(run.status == 3)
        for flag in [
            "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "--user-data-dir=", "--window-size=1280,2000",
        ] {
            #expect(run.log.contains(flag))
        }
        #expect(run.log.contains("file://"))
    }
}
