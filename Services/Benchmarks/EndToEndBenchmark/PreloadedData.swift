import Foundation

/// The databases of `--preload N`, filled once into `<kept>/preload-N` (a million orders take a
/// while) and copied for each run, so that every run starts from exactly N stored orders.
enum PreloadedData {
    struct CopyError: Error, CustomStringConvertible {
        var description: String
    }

    static func copy(count: Int, keptIn kept: String, to dataDirectory: String) async throws {
        let template = "\(kept)/preload-\(count)"
        let marker = "\(template)/.complete"
        if !FileManager.default.fileExists(atPath: marker) {
            try? FileManager.default.removeItem(atPath: template)
            try FileManager.default.createDirectory(
                atPath: template, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            print("preload: filling \(template) with \(count) orders (kept for the next runs)")
            try await Preload.fill(template, count: count)
            guard FileManager.default.createFile(atPath: marker, contents: Data()) else {
                throw CopyError(description: "cannot write \(marker)")
            }
        } else {
            print("preload: reusing \(template)")
        }
        // `cp -a` keeps the modes the services check (the folder 700, key files 600).
        try run("/bin/cp", ["-a", template, dataDirectory])
        // The copy is gigabytes of dirty pages: written out now, or the services' first commits wait
        // for them, which a deployed database does not (at a million orders, p99 0.9–1.5 s without).
        try run("/bin/sync", ["--file-system", dataDirectory])
        try? FileManager.default.removeItem(atPath: "\(dataDirectory)/.complete")
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CopyError(
                description:
                    "\(([executable] + arguments).joined(separator: " ")) failed (status \(process.terminationStatus))")
        }
    }
}
