import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where subanctl keeps the signed-in person's session token, readable by them alone.
///
/// The file is `$SUBAN_CONFIG_DIR/session` when that variable is set, else
/// `$XDG_CONFIG_HOME/suban/session`, else `~/.config/suban/session`. It is created with mode 0600
/// in a folder created with mode 0700, replaced whole (written beside it, then renamed), and a
/// file that group or others may read or write is refused, as ssh refuses such a key.
struct SessionFile: Sendable {
    /// Why the token cannot be read or kept; the message names the file, never the token.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var path: String

    init(path: String) {
        self.path = path
    }

    /// The file for `environment`, as the type's documentation says.
    init(environment: [String: String]) {
        if let folder = environment["SUBAN_CONFIG_DIR"], !folder.isEmpty {
            path = folder + "/session"
        } else if let folder = environment["XDG_CONFIG_HOME"], !folder.isEmpty {
            path = folder + "/suban/session"
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            path = home + "/.config/suban/session"
        }
    }

    /// The stored token, or nil when nobody is signed in here.
    func load() throws(Failure) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw failure("cannot open the session file", errno: errno)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw failure("cannot read the session file's mode", errno: errno)
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw Failure(description: "\(path) is not a regular file") }
        guard status.st_uid == getuid() else {
            throw Failure(description: "\(path) belongs to another user; remove it and sign in again (subanctl login)")
        }
        let mode = status.st_mode & 0o7777
        guard mode & 0o077 == 0 else {
            throw Failure(
                description:
                    "\(path) has mode \(Self.octal(mode)), open to group or others, so the session in it may be known "
                    + "to others: remove it and sign in again (subanctl login)"
            )
        }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure("cannot read the session file", errno: errno) }
            if count == 0 { break }
            contents += buffer[0..<count]
            guard contents.count <= 1024 else { throw Failure(description: "\(path) is longer than a session token") }
        }
        let token = String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    /// Keeps `token`, replacing any token kept before.
    func save(_ token: String) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw Failure(description: "cannot create the folder \(folder): \(error.localizedDescription)")
        }
        let temporary = "\(path).\(getpid()).new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)", errno: errno) }
        let bytes = Array((token + "\n").utf8)
        var offset = 0
        var failed: Int32 = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                failed = errno
                break
            }
            offset += count
        }
        if failed == 0 && fsync(descriptor) != 0 { failed = errno }
        close(descriptor)
        guard failed == 0, rename(temporary, path) == 0 else {
            let code = failed == 0 ? errno : failed
            unlink(temporary)
            throw failure("cannot write the session file", errno: code)
        }
    }

    /// Forgets the token; forgetting none is no error.
    func remove() throws(Failure) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw failure("cannot remove the session file", errno: errno)
        }
    }

    private func failure(_ what: String, errno code: Int32) -> Failure {
        Failure(description: "\(path): \(what): \(String(cString: strerror(code)))")
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
