import GRDB
import Logging
import RPC
import ServiceDirectory
import ServiceKit
import Testing
import WireProtocol

@Suite("Storage errors on the wire")
struct StorageErrorsTests {
    static let translate = StorageErrors.translator(databasePath: "/srv/suban/var/intake.sqlite")

    @Test(arguments: [
        (ResultCode.SQLITE_FULL, "database or disk is full"),
        (ResultCode.SQLITE_IOERR_WRITE, "disk I/O error"),
        (ResultCode.SQLITE_READONLY, "the database is read-only"),
    ])
    func aStorageFailureIsUnavailableAndNamesTheFile(code: ResultCode, reason: String) throws {
        let translated = try #require(Self.translate(DatabaseError(resultCode: code, message: "from SQLite")))
        #expect(translated.error.code == .unavailable)
        #expect(translated.error.message == "storage unavailable: /srv/suban/var/intake.sqlite: \(reason)")
        #expect(translated.metadata["db.path"] == "/srv/suban/var/intake.sqlite")
        #expect(translated.metadata["sqlite.code"] == "\(code.primaryResultCode.rawValue)")
        #expect(translated.metadata["sqlite.extended_code"] == "\(code.rawValue)")
    }

    @Test func otherErrorsAreLeftToTheGenericInternalError() {
        #expect(
            Self.translate(DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "UNIQUE constraint failed")) == nil)
        struct Unrelated: Error {}
        #expect(Self.translate(Unrelated()) == nil)
    }
}
