import Crypto
import Domain
import Foundation
import Identity
import Testing

@Suite struct KeyFileTests {
    /// A fresh folder path that does not exist yet, removed afterwards.
    func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suban-identity-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func createsTheKeyWithMode0600InAFolderWith0700AndReloadsIt() throws {
        try withFolder { folder in
            let file = KeyFile(path: folder + "/keys/console.key")
            let created = try file.loadOrCreate()
            #expect(try mode(folder + "/keys/console.key") == 0o600)
            #expect(try mode(folder + "/keys") == 0o700)
            #expect(try file.load().rawRepresentation == created.rawRepresentation)
            #expect(try file.loadOrCreate().rawRepresentation == created.rawRepresentation)
            let text = try String(contentsOfFile: folder + "/keys/console.key", encoding: .utf8)
            #expect(text == created.rawRepresentation.base64EncodedString() + "\n")
        }
    }

    @Test func aKeyFromTheFileSignsWhatItsPublicKeyVerifies() throws {
        try withFolder { folder in
            let key = try KeyFile(path: folder + "/gateway.key").loadOrCreate()
            let published = KeyFile.base64(of: key.publicKey)
            let trust = try TrustedIssuers(parsing: "gateway:\(published):platform")
            let issuer = try CredentialIssuer(
                id: "gateway", privateKey: try KeyFile(path: folder + "/gateway.key").load())
            #expect(issuer.publicKeyBase64 == published)
            let (credential, token) = try issuer.issue(account: "platform", displayName: "12345", roles: [.platform])
            #expect(try CredentialVerifier(trustedIssuers: trust).verify(token, now: credential.issuedAt) == credential)
        }
    }

    @Test(arguments: [0o640, 0o644, 0o604, 0o620, 0o660, 0o777])
    func aKeyFileOpenToGroupOrOthersIsRefused(mode: Int) throws {
        try withFolder { folder in
            let path = folder + "/console.key"
            _ = try KeyFile(path: path).loadOrCreate()
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            let error = try #require(throws: KeyFile.KeyError.self) { try KeyFile(path: path).load() }
            #expect(error.source == path)
            #expect(error.reason.contains("mode 0\(String(mode, radix: 8))"))
            #expect("\(error)".hasPrefix(path + ": the key file has mode"))
            // Creating does not paper over it either.
            #expect(throws: KeyFile.KeyError.self) { try KeyFile(path: path).loadOrCreate() }
        }
    }

    @Test func aMissingOrDamagedKeyFileIsRefused() throws {
        try withFolder { folder in
            #expect(throws: KeyFile.KeyError.self) { try KeyFile(path: folder + "/absent.key").load() }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, contents) in [("short", "AAAA\n"), ("text", "not a key\n"), ("empty", "")] {
                let path = folder + "/\(name).key"
                #expect(
                    FileManager.default.createFile(
                        atPath: path, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600]))
                let error = try #require(throws: KeyFile.KeyError.self) { try KeyFile(path: path).load() }
                #expect(error.source == path)
                #expect(error.reason.contains("32 bytes in base64"))
            }
            #expect(throws: KeyFile.KeyError.self) { try KeyFile(path: folder).load() }
        }
    }

    /// The key of 32 bytes 0x01, as docs/identity.md's OpenSSL recipe derives its public key.
    @Test func publicKeyMatchesTheDocumentedDerivation() {
        #expect(KeyFile.base64(of: IdentityFixtures.key(1).publicKey) == "iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w=")
    }

    @Test func aKeyFromConfigurationIsNamedByItsVariable() throws {
        let key = Curve25519.Signing.PrivateKey()
        let loaded = try KeyFile.privateKey(
            base64: " \(key.rawRepresentation.base64EncodedString())\n", source: "SUBAN_CONSOLE_KEY")
        #expect(loaded.rawRepresentation == key.rawRepresentation)
        let error = try #require(throws: KeyFile.KeyError.self) {
            try KeyFile.privateKey(base64: "c2hvcnQ=", source: "SUBAN_CONSOLE_KEY")
        }
        #expect("\(error)" == "SUBAN_CONSOLE_KEY: not an Ed25519 private key: expected 32 bytes in base64")
    }
}
