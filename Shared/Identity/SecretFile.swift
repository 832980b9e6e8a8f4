import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file that holds a secret: read only when group and others have no access to it (as ssh
/// does), created exclusively with mode 0600 in a folder made 0700, replaced atomically.
public struct SecretFile: Sendable {
    public var path: String
    /// The most a secret file may hold; a longer one is a wrong path, not a secret.
    public var maximumBytes: Int

    public init(path: String, maximumBytes: Int = 1024) {
        self.path = path
        self.maximumBytes = maximumBytes
    }

    public var exists: Bool { access(path, F_OK) == 0 }

    /// The file's bytes; refused if it is not a regular file or group or others may use it.
    public func read() throws(KeyFile.KeyError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open the key file", errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("cannot read the key file's mode", errno: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw KeyFile.KeyError(source: path, reason: "the key file is not a regular file")
        }
        let mode = status.st_mode & 0o7777
        guard mode & 0o077 == 0 else {
            throw KeyFile.KeyError(
                source: path,
                reason:
                    "the key file has mode \(Self.octal(mode)), open to group or others; it must be 0600 (chmod 600 \(path))"
            )
        }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure("cannot read the key file", errno: errno) }
            if count == 0 { break }
            contents += buffer[0..<count]
            guard contents.count <= maximumBytes else {
                throw KeyFile.KeyError(
                    source: path, reason: "the key file is longer than its keys can be (\(maximumBytes) bytes)")
            }
        }
        return contents
    }

    /// Creates the file with `contents`, durably; false when another process created it first
    /// (its contents are then the ones to use).
    public func createExclusively(_ contents: [UInt8]) throws(KeyFile.KeyError) -> Bool {
        try createFolder()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return false }
            throw failure("cannot create the key file", errno: errno)
        }
        try finish(descriptor, writing: contents, removingOnFailure: path)
        return true
    }

    /// Replaces the file's contents at once: a new file beside it (0600), synced, renamed over it.
    /// A crash leaves either the old contents or the new, never a mix.
    public func replace(with contents: [UInt8]) throws(KeyFile.KeyError) {
        try createFolder()
        let temporary = path + ".new"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)", errno: errno) }
        try finish(descriptor, writing: contents, removingOnFailure: temporary)
        guard rename(temporary, path) == 0 else {
            let error = errno
            unlink(temporary)
            throw failure("cannot rename \(temporary) over the key file", errno: error)
        }
        let folder = open(
            (path as NSString).deletingLastPathComponent.nonEmpty ?? ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    private func createFolder() throws(KeyFile.KeyError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyFile.KeyError(
                source: path, reason: "cannot create the key's folder \(folder): \(error.localizedDescription)")
        }
    }

    private func finish(_ descriptor: Int32, writing contents: [UInt8], removingOnFailure file: String) throws(KeyFile
        .KeyError)
    {
        let written = Self.writeAll(contents, to: descriptor)
        let synced = written && fsync(descriptor) == 0
        let error = errno
        close(descriptor)
        guard synced else {
            unlink(file)
            throw failure("cannot write the key file", errno: error)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    private func failure(_ what: String, errno code: Int32) -> KeyFile.KeyError {
        KeyFile.KeyError(source: path, reason: "\(what): \(String(cString: strerror(code)))")
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// `read(2)`, which `SecretFile.read()` hides by name inside the type.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
