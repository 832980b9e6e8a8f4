public import Foundation

/// A page rendered by headless Chromium: the DOM it built and the size of its screenshot.
public enum HeadlessBrowser {
    public struct Rendered: Sendable {
        public var dom: String
        public var screenshotBytes: Int
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "chromium is missing: run scripts/setup.sh" }
    }

    /// Renders `page` (a file) with a working folder in `folder`; throws ``Missing`` when no
    /// Chromium is installed.
    public static func render(_ page: URL, in folder: URL, timeout: Duration = .seconds(60)) async throws -> Rendered {
        guard let executable = Chromium.executable else { throw Missing() }
        let work = folder.appendingPathComponent("chromium-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let screenshot = work.appendingPathComponent("page.png")
        let run = try await Chromium(executable: executable).render(
            page: page, screenshot: screenshot, workDirectory: work, timeout: timeout)
        let size = (try? FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
        return Rendered(dom: run.dom, screenshotBytes: size)
    }
}
