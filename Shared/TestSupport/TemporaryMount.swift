import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small tmpfs of its own for a test that needs a real full or read-only file system.
///
/// Mounting needs root (or CAP_SYS_ADMIN) on Linux; tests that need one are enabled only when
/// `isPermitted`, and say what they fall back to otherwise.
public struct TemporaryMount: Sendable {
    public struct MountError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The folder the file system is mounted on.
    public let path: String
    private let size: Int

    /// Whether this process may mount a tmpfs: tried once, on a folder of its own.
    public static let isPermitted: Bool = {
        guard let mount = try? TemporaryMount(size: 64 << 10) else { return false }
        mount.unmount()
        return true
    }()

    /// Mounts a tmpfs of `size` bytes, runs `body` with its path, and always unmounts it.
    public static func withTmpfs<Result>(size: Int, _ body: (TemporaryMount) async throws -> Result) async throws
        -> Result
    {
        let mount = try TemporaryMount(size: size)
        defer { mount.unmount() }
        return try await body(mount)
    }

    private init(size: Int) throws {
        self.size = size
        path = FileManager.default.temporaryDirectory.appendingPathComponent("suban-tmpfs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.mount(path, flags: 0, size: size)
    }

    /// Makes the file system read-only, as a full disk's operator or a broken volume would.
    public func remountReadOnly() throws {
        #if canImport(Glibc)
            try Self.mount(path, flags: UInt(MS_REMOUNT) | UInt(MS_RDONLY), size: size)
        #endif
    }

    /// Writes a filler file until the file system is full; delete it to give the space back.
    @discardableResult
    public func exhaustSpace() throws -> String {
        let filler = path + "/filler"
        guard let handle = fopen(filler, "w") else { throw MountError(description: "cannot create \(filler)") }
        defer { fclose(handle) }
        let chunk = [UInt8](repeating: 0, count: 4096)
        // Writes unbuffered-sized chunks until the kernel refuses, then a byte at a time for the tail.
        setvbuf(handle, nil, _IONBF, 0)
        while fwrite(chunk, 1, chunk.count, handle) == chunk.count {}
        while fwrite(chunk, 1, 1, handle) == 1 {}
        return filler
    }

    private static func mount(_ path: String, flags: UInt, size: Int) throws {
        #if canImport(Glibc)
            guard Glibc.mount("tmpfs", path, "tmpfs", flags, "size=\(size),mode=0700") == 0 else {
                throw MountError(description: "cannot mount a tmpfs on \(path): \(String(cString: strerror(errno)))")
            }
        #else
            throw MountError(description: "tmpfs mounts need Linux")
        #endif
    }

    private func unmount() {
        #if canImport(Glibc)
            _ = umount2(path, Int32(MNT_DETACH))
        #endif
        try? FileManager.default.removeItem(atPath: path)
    }
}
