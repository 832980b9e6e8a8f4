import Foundation
import TestSupport
import Testing

@testable import Charts

/// Renders the sample page in a real headless Chromium: the check that the markup is not only
/// well-formed but something a browser draws.
@Suite("Headless browser")
struct BrowserRenderTests {
    /// Runs wherever Chromium is installed; without it the test fails (see below) unless
    /// `SUBAN_SKIP_BROWSER=1` says this machine is not meant to have one.
    @Test(
        .enabled(if: Chromium.executable != nil || !Chromium.skipRequested, "no Chromium and SUBAN_SKIP_BROWSER=1"),
        .timeLimit(.minutes(2))
    )
    func chromiumDrawsEveryChartAndFigure() async throws {
        let executable = try #require(Chromium.executable, "chromium is missing: run scripts/setup.sh")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("suban-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let pageFile = work.appendingPathComponent("page.html")
        let screenshot = work.appendingPathComponent("page.png")
        try Data(SamplePage.page.render().utf8).write(to: pageFile)

        let run = try await Chromium(executable: executable).render(
            page: pageFile, screenshot: screenshot, workDirectory: work, timeout: .seconds(60)
        )
        print("chromium rendered the sample page in \(run.elapsed) (exit status \(run.status))")
        Self.keepForInspection([pageFile, screenshot])

        #expect(!run.timedOut, "chromium ran for over 60 s and was killed")
        #expect(run.status == 0, "chromium failed:\n\(run.log.suffix(2000))")
        #expect(PageInspection.count(of: "<svg", in: run.dom) == SamplePage.chartCount, "\(run.dom.prefix(500))")
        #expect(PageInspection.count(of: "role=\"img\"", in: run.dom) == SamplePage.chartCount)
        #expect(run.dom.contains("<title>12345热线11月考核报告</title>"))
        for figure in SamplePage.keyFigures {
            #expect(run.dom.contains(figure.label))
            #expect(run.dom.contains(figure.value))
        }
        #expect(run.dom.contains("约谈线 800"))
        #expect(!run.dom.lowercased().contains("<script"))

        let png = try Data(contentsOf: screenshot)
        #expect(png.count > 20_000, "a screenshot of \(png.count) bytes is too small to hold the page")
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // The IHDR chunk follows the signature: width and height as big-endian 32-bit integers.
        func bigEndian(_ offset: Int) -> Int { png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(png.count > 24 && bigEndian(16) == 1280 && bigEndian(20) == 2000)
    }

    /// With `SUBAN_CHARTS_OUTPUT=<folder>`, keeps the page and its screenshot for a person to look at.
    private static func keepForInspection(_ files: [URL]) {
        guard let folder = ProcessInfo.processInfo.environment["SUBAN_CHARTS_OUTPUT"], !folder.isEmpty else { return }
        let destination = URL(fileURLWithPath: folder)
        try? FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        for file in files {
            let target = destination.appendingPathComponent(file.lastPathComponent)
            try? FileManager.default.removeItem(at: target)
            try? FileManager.default.copyItem(at: file, to: target)
        }
    }
}
