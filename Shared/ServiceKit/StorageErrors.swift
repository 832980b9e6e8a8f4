import Logging
public import Persistence
public import RPC
import WireProtocol

/// The one place where storage failures become call errors: a full, read-only or failing disk is
/// `unavailable` (retry once the operator has acted), names the database file and the cause, and
/// is logged with the SQLite codes. RPC knows nothing of SQLite; `ServiceMain` installs this.
public enum StorageErrors {
    /// The translator for the handlers of a service whose database is the file at `databasePath`.
    public static func translator(databasePath: String) -> RPCServer.ErrorTranslator {
        { error in
            guard let failure = StorageFailure(error, path: databasePath) else { return nil }
            return RPCServer.TranslatedError(
                rpcError(failure),
                metadata: [
                    "db.path": "\(failure.path)",
                    "sqlite.code": "\(failure.code)",
                    "sqlite.extended_code": "\(failure.extendedCode)",
                ]
            )
        }
    }

    public static func rpcError(_ failure: StorageFailure) -> RPCError {
        RPCError(.unavailable, "storage unavailable: \(failure)")
    }
}
