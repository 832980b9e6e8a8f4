import Foundation
import Testing

@testable import Spreadsheet

/// The STORED-only ZIP container, read back by a separate parser and by Python's zipfile.
@Suite struct ZipArchiveTests {
    static let files: [(path: String, contents: [UInt8])] = [
        ("[Content_Types].xml", Array("<Types/>".utf8)),
        ("xl/工作表/数据.xml", Array("<sheet>三门峡 👍</sheet>".utf8)),
        ("empty", []),
        ("binary", (0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init)),
    ]

    static func archive() throws -> Data {
        var archive = ZipArchive()
        for file in files {
            try archive.addFile(path: file.path, contents: file.contents)
        }
        return try archive.data()
    }

    @Test func theCentralDirectoryDescribesEveryEntry() throws {
        let directory = try ZipDirectory(try Self.archive())
        #expect(directory.entries.map(\.name) == Self.files.map(\.path))
        for (entry, file) in zip(directory.entries, Self.files) {
            #expect(entry.method == 0, "\(entry.name) is stored")
            #expect(entry.flags == 0x0800, "\(entry.name) has only the UTF-8 name flag")
            #expect(entry.size == UInt32(file.contents.count))
            #expect(entry.compressedSize == entry.size)
            #expect(entry.crc == CRC32.checksum(file.contents))
            #expect(try directory.contents(of: entry) == file.contents)
        }
    }

    @Test func entriesFollowEachOtherWithoutGaps() throws {
        let directory = try ZipDirectory(try Self.archive())
        var expectedOffset: UInt32 = 0
        for entry in directory.entries {
            #expect(entry.localHeaderOffset == expectedOffset, "\(entry.name)")
            expectedOffset += 30 + UInt32(entry.name.utf8.count) + entry.size
        }
    }

    @Test func anEmptyArchiveIsJustTheEndRecord() throws {
        let data = try ZipArchive().data()
        #expect(Array(data) == [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18))
        #expect(try ZipDirectory(data).entries.isEmpty)
    }

    /// Python's zipfile checks every CRC (`testzip`) and decodes names as UTF-8 only when the flag
    /// is set, so it catches a wrong checksum, size, offset or flag independently of ZipDirectory.
    @Test func pythonZipfileReadsTheArchive() async throws {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("test.zip")
            try Self.archive().write(to: url)
            try await Self.checkWithPython(url)
        }
    }

    private static func checkWithPython(_ url: URL) async throws {
        let script = """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as archive:
                print(json.dumps({
                    "bad": archive.testzip(),
                    "entries": [{"name": info.filename, "size": info.file_size, "crc": info.CRC,
                                 "method": info.compress_type, "bytes": list(archive.read(info))}
                                for info in archive.infolist()],
                }))
            """
        let result = try await Python.run(script, arguments: [url.path])
        try #require(result.status == 0, "python3 failed: \(result.errorOutput)")
        struct Listing: Decodable {
            struct Entry: Decodable {
                var name: String
                var size: Int
                var crc: UInt32
                var method: Int
                var bytes: [UInt8]
            }
            var bad: String?
            var entries: [Entry]
        }
        let listing = try JSONDecoder().decode(Listing.self, from: result.output)
        #expect(listing.bad == nil)
        #expect(listing.entries.map(\.name) == Self.files.map(\.path))
        for (entry, file) in zip(listing.entries, Self.files) {
            #expect(entry.method == 0)
            #expect(entry.size == file.contents.count)
            #expect(entry.crc == CRC32.checksum(file.contents))
            #expect(entry.bytes == file.contents)
        }
    }
}
