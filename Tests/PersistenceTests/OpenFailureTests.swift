import Foundation
import GRDB
import Persistence
import Testing

/// A service that cannot open its database stops with one line an operator can act on: which file,
/// and why, in plain words. (Read-only and full file systems need a mount; the system tests use a
/// real tmpfs for those.)
@Suite("Service database: open failures")
struct OpenFailureTests {
    @Test func aFileThatIsNotADatabaseIsNamedWithTheCause() throws {
        let directory = try ServiceDatabaseTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/intake.sqlite"
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ServiceDatabase.OpenError.self) {
            _ = try ServiceDatabase.open(
                directory: directory, name: "intake", migrations: [ServiceDatabaseTests.orders])
        }
        let description = try #require(error?.description)
        #expect(description.contains(path), "\(description)")
        #expect(description.contains("not a SQLite database"), "\(description)")
    }

    @Test func aDataFolderThatIsAFileIsNamedWithTheCause() throws {
        let directory = try ServiceDatabaseTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = "\(directory)/data"
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: file))
        let path = "\(file)/intake.sqlite"
        let error = #expect(throws: ServiceDatabase.OpenError.self) {
            _ = try ServiceDatabase.open(path: path, migrations: [])
        }
        let description = try #require(error?.description)
        #expect(description.contains(path), "\(description)")
        #expect(description.contains("\(file) is not a folder"), "\(description)")
    }

    @Test func aRelativeDataFolderIsNamedInFull() throws {
        let directory = try ServiceDatabaseTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: "\(directory)/intake.sqlite"))
        // Up to the root from the working folder, then down again.
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + directory.dropFirst()
        let error = #expect(throws: ServiceDatabase.OpenError.self) {
            _ = try ServiceDatabase.open(directory: relative, name: "intake", migrations: [])
        }
        #expect(error?.description.contains("\(directory)/intake.sqlite") == true, "\(String(describing: error))")
    }
}
