import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

extension ServiceDatabase {
    /// The error that stops a service whose database cannot be opened: SQLite says "unable to open
    /// database file" and names no file, so the file system is asked what is wrong with it.
    static func openError(_ error: any Error, path: String) -> OpenError {
        if let error = error as? OpenError { return error }
        // Errors of the SQL itself (a failing migration) say enough as they are.
        guard let databaseError = error as? DatabaseError, let storage = StorageFailure(databaseError, path: path)
        else {
            return OpenError(description: "cannot open database \(path): \(error)")
        }
        let contentProblem = databaseError.resultCode == .SQLITE_NOTADB || databaseError.resultCode == .SQLITE_CORRUPT
        let cause = contentProblem ? storage.reason : fileSystemProblem(at: path) ?? storage.reason
        let sqlite = "SQLite error \(storage.code): \(databaseError.message ?? storage.reason)"
        return OpenError(description: "cannot open database \(path): \(cause) (\(sqlite))")
    }

    /// What keeps a database file at `path` from being created or written, as the file system
    /// tells it, or nil when it sees nothing wrong.
    static func fileSystemProblem(at path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            return missingFolderProblem(folder)
        }
        guard isFolder.boolValue else { return "\(folder) is not a folder" }
        if let problem = accessProblem(folder, mode: W_OK | X_OK) {
            return "the folder \(folder) is \(problem)"
        }
        if FileManager.default.fileExists(atPath: path), let problem = accessProblem(path, mode: R_OK | W_OK) {
            return "the file is \(problem)"
        }
        var space = statvfs()
        if statvfs(folder, &space) == 0, space.f_bavail == 0 {
            return "the disk holding \(folder) is full"
        }
        return nil
    }

    /// A folder that does not exist: either a parent is a file, or something is missing.
    private static func missingFolderProblem(_ folder: String) -> String {
        var ancestor = folder
        var isFolder: ObjCBool = false
        while !ancestor.isEmpty, ancestor != "/" {
            ancestor = (ancestor as NSString).deletingLastPathComponent
            if FileManager.default.fileExists(atPath: ancestor, isDirectory: &isFolder) {
                return isFolder.boolValue ? "the folder \(folder) does not exist" : "\(ancestor) is not a folder"
            }
        }
        return "the folder \(folder) does not exist"
    }

    /// Why `access(2)` refuses `mode`, in words; root is refused only by read-only file systems.
    private static func accessProblem(_ path: String, mode: Int32) -> String? {
        guard access(path, mode) != 0 else { return nil }
        switch errno {
        case EROFS: return "on a read-only file system"
        case EACCES, EPERM: return "not writable (permission denied)"
        case let code: return "not usable (\(String(cString: strerror(code))))"
        }
    }

    /// `path` in full, so that an operator reading the log needs no working folder to find it.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
