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
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = ["-a", template, dataDirectory]
        try copy.run()
        copy.waitUntilExit()
        guard copy.terminationStatus == 0 else {
            throw CopyError(description: "cp -a \(template) \(dataDirectory) failed (status \(copy.terminationStatus))")
        }
        try? FileManager.default.removeItem(atPath: "\(dataDirectory)/.complete")
    }
}
