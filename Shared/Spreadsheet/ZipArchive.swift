import Foundation

/// A ZIP archive built in memory with every entry STORED (method 0, uncompressed): the toolchain
/// offers no zlib module, and an .xlsx reader must accept stored parts. Entries get fixed
/// timestamps (1980-01-01 00:00, the earliest DOS date) so the same workbook gives the same bytes.
///
/// Layout (APPNOTE.TXT 4.3): per entry a local file header followed by its bytes, then the
/// central directory, then the end-of-central-directory record. Sizes and CRCs are known before
/// each header is written, so no data descriptors are needed. No ZIP64: more than 65,535 entries
/// or 4 GiB throws `archiveTooLarge`.
struct ZipArchive {
    /// What the central directory repeats about each entry.
    private struct Entry {
        var name: [UInt8]
        var crc: UInt32
        var size: UInt32
        var localHeaderOffset: UInt32
    }

    private static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let centralHeaderSignature: UInt32 = 0x0201_4B50
    private static let endOfCentralDirectorySignature: UInt32 = 0x0605_4B50
    /// 2.0: the version that introduced the features used here (stored entries, directories).
    private static let version: UInt16 = 20
    /// Bit 11: names are UTF-8, so that readers do not decode them as code page 437.
    private static let utf8Flag: UInt16 = 0x0800
    private static let storedMethod: UInt16 = 0
    /// DOS date 1980-01-01: ((1980 - 1980) << 9) | (1 << 5) | 1; time 00:00:00 is 0.
    private static let dosDate: UInt16 = 0x0021
    private static let dosTime: UInt16 = 0

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    init() {}

    /// Appends a file named `path` (forward slashes, no leading slash) holding `contents`.
    mutating func addFile(path: String, contents: some Collection<UInt8>) throws(SpreadsheetError) {
        precondition(!path.isEmpty && !path.hasPrefix("/"), "ZIP entry names are relative paths")
        let name = Array(path.utf8)
        precondition(!entries.contains { $0.name == name }, "duplicate ZIP entry \(path)")
        guard entries.count < Int(UInt16.max), name.count <= Int(UInt16.max),
            let size = UInt32(exactly: contents.count), let offset = UInt32(exactly: bytes.count),
            bytes.count + 30 + name.count + contents.count < Int(UInt32.max)
        else {
            throw SpreadsheetError(.archiveTooLarge, "the workbook is too large for a ZIP archive without ZIP64")
        }
        let entry = Entry(name: name, crc: CRC32.checksum(contents), size: size, localHeaderOffset: offset)
        append(Self.localHeaderSignature)
        append(Self.version)
        appendSharedFields(of: entry)
        bytes.append(contentsOf: name)
        bytes.append(contentsOf: contents)
        entries.append(entry)
    }

    /// The finished archive: the entries followed by the central directory.
    func data() throws(SpreadsheetError) -> Data {
        var archive = self
        let directoryOffset = archive.bytes.count
        for entry in entries {
            archive.append(Self.centralHeaderSignature)
            archive.append(Self.version)  // version made by: 2.0, MS-DOS attributes
            archive.append(Self.version)  // version needed to extract
            archive.appendSharedFields(of: entry)
            archive.append(UInt16(0))  // file comment length
            archive.append(UInt16(0))  // disk number start
            archive.append(UInt16(0))  // internal attributes
            archive.append(UInt32(0))  // external attributes
            archive.append(entry.localHeaderOffset)
            archive.bytes.append(contentsOf: entry.name)
        }
        let directorySize = archive.bytes.count - directoryOffset
        guard archive.bytes.count + 22 < Int(UInt32.max) else {
            throw SpreadsheetError(.archiveTooLarge, "the workbook is too large for a ZIP archive without ZIP64")
        }
        archive.append(Self.endOfCentralDirectorySignature)
        archive.append(UInt16(0))  // number of this disk
        archive.append(UInt16(0))  // disk where the central directory starts
        archive.append(UInt16(entries.count))  // entries on this disk
        archive.append(UInt16(entries.count))  // entries in total
        archive.append(UInt32(directorySize))
        archive.append(UInt32(directoryOffset))
        archive.append(UInt16(0))  // comment length
        return Data(archive.bytes)
    }

    /// The fields from "general purpose flag" to "extra field length", which the local and the
    /// central header share.
    private mutating func appendSharedFields(of entry: Entry) {
        append(Self.utf8Flag)
        append(Self.storedMethod)
        append(Self.dosTime)
        append(Self.dosDate)
        append(entry.crc)
        append(entry.size)  // compressed size: stored, so the same
        append(entry.size)
        append(UInt16(entry.name.count))
        append(UInt16(0))  // extra field length
    }

    /// ZIP integers are little-endian.
    private mutating func append(_ value: some FixedWidthInteger) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
