import Foundation
import TestSupport

/// A certificate authority made for one test with the openssl CLI, in a temporary directory, and
/// the server certificates it issues.
struct TestCertificateAuthority {
    let directory: URL
    let name: String

    /// The authority's certificate (PEM): what the client is told to trust.
    var certificateFile: String { directory.appendingPathComponent("\(name).pem").path }
    private var keyFile: String { directory.appendingPathComponent("\(name).key").path }

    init(name: String, in directory: URL) async throws {
        self.directory = directory
        self.name = name
        try await Self.openssl(
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=\(name)", "-keyout", keyFile, "-out", certificateFile,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ]
        )
    }

    /// A server certificate for `host` (a DNS name, or an IPv4 address for an IP entry), signed by
    /// this authority: the chain file and the key file.
    func issue(for host: String) async throws -> (chain: String, key: String) {
        let isAddress = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        let base = directory.appendingPathComponent("\(name)-\(host)").path
        try await Self.openssl(
            [
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", "/CN=\(host)", "-keyout", base + ".key", "-out", base + ".csr",
            ]
        )
        let extensions =
            "subjectAltName=\(isAddress ? "IP" : "DNS"):\(host)\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
        try extensions.write(toFile: base + ".ext", atomically: true, encoding: .utf8)
        try await Self.openssl(
            [
                "x509", "-req", "-in", base + ".csr", "-CA", certificateFile, "-CAkey", keyFile, "-set_serial",
                "\(UInt32.random(in: 2...UInt32.max))",
                "-days", "2", "-extfile", base + ".ext", "-out", base + ".pem",
            ]
        )
        return (base + ".pem", base + ".key")
    }

    private static func openssl(_ arguments: [String]) async throws {
        let result = try await runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["openssl"] + arguments)
        guard result.status == 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [NSLocalizedDescriptionKey: "openssl \(arguments.first ?? ""): \(result.standardError)"])
        }
    }
}
