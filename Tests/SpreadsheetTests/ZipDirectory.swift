import Foundation

/// Reads back the structure of a ZIP archive (APPNOTE.TXT 4.3) from the end, the way unzip does:
/// end-of-central-directory record, central directory, then each local header it points to.
/// Written for the tests, separately from the writer, and strict about every field it reads.
struct ZipDirectory {
    struct Entry: Equatable {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var localHeaderOffset: UInt32
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    let bytes: [UInt8]
    private(set) var entries: [Entry] = []

    init(_ data: Data) throws {
        bytes = Array(data)
        // The writer adds no archive comment, so the record is exactly the last 22 bytes.
        let end = bytes.count - 22
        guard end >= 0, try read32(at: end) == 0x0605_4B50 else { throw FormatError(description: "no end record") }
        let count = Int(try read16(at: end + 10))
        guard try read16(at: end + 8) == count else { throw FormatError(description: "entry counts differ") }
        let directorySize = Int(try read32(at: end + 12))
        var offset = Int(try read32(at: end + 16))
        guard offset + directorySize == end else {
            throw FormatError(description: "directory does not end at the end record")
        }
        for _ in 0..<count {
            guard try read32(at: offset) == 0x0201_4B50 else {
                throw FormatError(description: "bad central header at \(offset)")
            }
            let nameLength = Int(try read16(at: offset + 28))
            let extraLength = Int(try read16(at: offset + 30))
            let commentLength = Int(try read16(at: offset + 32))
            entries.append(
                Entry(
                    name: try text(at: offset + 46, count: nameLength),
                    flags: try read16(at: offset + 8),
                    method: try read16(at: offset + 10),
                    crc: try read32(at: offset + 16),
                    compressedSize: try read32(at: offset + 20),
                    size: try read32(at: offset + 24),
                    localHeaderOffset: try read32(at: offset + 42)
                ))
            offset += 46 + nameLength + extraLength + commentLength
        }
        guard offset == end else { throw FormatError(description: "central directory size is off") }
    }

    /// The stored bytes of `entry`, after checking that its local header agrees with the directory.
    func contents(of entry: Entry) throws -> [UInt8] {
        let offset = Int(entry.localHeaderOffset)
        guard try read32(at: offset) == 0x0403_4B50 else {
            throw FormatError(description: "no local header for \(entry.name)")
        }
        let nameLength = Int(try read16(at: offset + 26))
        let local = Entry(
            name: try text(at: offset + 30, count: nameLength),
            flags: try read16(at: offset + 6),
            method: try read16(at: offset + 8),
            crc: try read32(at: offset + 14),
            compressedSize: try read32(at: offset + 18),
            size: try read32(at: offset + 22),
            localHeaderOffset: entry.localHeaderOffset
        )
        guard local == entry else { throw FormatError(description: "local header of \(entry.name) differs: \(local)") }
        let start = offset + 30 + nameLength + Int(try read16(at: offset + 28))
        guard start + Int(entry.compressedSize) <= bytes.count else {
            throw FormatError(description: "\(entry.name) is cut off")
        }
        return Array(bytes[start..<(start + Int(entry.compressedSize))])
    }

    private func read16(at offset: Int) throws -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else {
            throw FormatError(description: "read past the end at \(offset)")
        }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func read32(at offset: Int) throws -> UInt32 {
        UInt32(try read16(at: offset)) | UInt32(try read16(at: offset + 2)) << 16
    }

    private func text(at offset: Int, count: Int) throws -> String {
        guard offset + count <= bytes.count else { throw FormatError(description: "name past the end") }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }
}
