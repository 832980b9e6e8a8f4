import Foundation
import PlatformAdapter
import TestSupport
import Testing

@testable import GatewayCore

/// Issue 16.4: the HTTP edge answers as docs/platform-api.md says: every bad field in one 422,
/// 405 with `Allow` for a wrong method on a known path, and a signature in lower-case hex only.
@Suite("HTTP contract")
struct HTTPContractTests {
    /// Sends `method` to `path` over a raw connection: the status and the headers (lower-cased names).
    static func request(_ method: String, _ path: String, port: Int) async throws -> (
        status: Int, headers: [String: String], body: String
    ) {
        let connection = try await RawConnection.connect(port: port)
        let bytes = try await connection.sendAndReadUntilClosed(
            Array(
                "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let lines = parts[0].components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return (status, headers, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test(arguments: [
        ("GET", PlatformAPI.ordersPath, "POST"), ("PUT", PlatformAPI.eventsPath(orderNumber: "X-1"), "POST"),
        ("DELETE", PlatformAPI.hotline12333OrdersPath, "POST"), ("POST", PlatformAPI.healthPath, "GET"),
    ])
    func aWrongMethodOnAKnownPathIs405WithAllow(_ method: String, _ path: String, _ allowed: String) async throws {
        try await GatewayFixture.run { gateway in
            let response = try await Self.request(method, path, port: gateway.httpPort)
            #expect(response.status == 405)
            #expect(response.headers["allow"] == allowed)
            #expect(JSONValue.parse(Array(response.body.utf8))?.errorCode == "method_not_allowed")
        }
    }

    @Test func anUnknownPathIsStill404() async throws {
        try await GatewayFixture.run { gateway in
            let response = try await Self.request("GET", "/platform/v1/nothing", port: gateway.httpPort)
            #expect(response.status == 404)
            #expect(JSONValue.parse(Array(response.body.utf8))?.errorCode == "not_found")
        }
    }

    @Test func anUpperCaseSignatureIsRefused() async throws {
        try await GatewayFixture.run { gateway in
            let body = GatewayFixture.order("CASE-1").encoded()
            let signed = PlatformSignature.sign(
                method: "POST", target: PlatformAPI.ordersPath, appKey: GatewayFixture.platformKey,
                secret: GatewayFixture.platformSecret, body: body)
            var upper = signed
            upper.signature = signed.signature.uppercased()
            let refused = try await gateway.postRaw(PlatformAPI.ordersPath, body, headers: upper.headers)
            #expect(refused.status == 401)
            #expect(refused.json.errorCode == "malformed_credentials")
            #expect(refused.json.errorFields == [PlatformSignature.Header.signature])
            #expect(gateway.intake.submits.isEmpty)
            #expect(try await gateway.postRaw(PlatformAPI.ordersPath, body, headers: signed.headers).status == 201)
        }
    }

    /// The case of the issue: topic, phone and ID number wrong at once, all three named.
    @Test func oneAnswerNamesEveryBadFieldWithItsCode() async throws {
        try await GatewayFixture.run { gateway in
            var order = GatewayFixture.order("MANY-1")
            if case .object(var members) = order {
                members["topic"] = "weather"
                members["caller"] = ["name": "张三", "phone": "12345", "id_number": "110101199003070000"]
                members["enterprise"] = ["name": "某公司", "credit_code": "91110000000000000X"]
                order = .object(members)
            }
            let (status, json) = try await gateway.post(PlatformAPI.ordersPath, json: order)
            #expect(status == 422)
            #expect(json.errorCode == "invalid_fields")
            let codes = (json["error"]?["fields"]?.arrayValue ?? []).reduce(into: [String: String]()) {
                $0[$1["field"]?.stringValue ?? ""] = $1["code"]?.stringValue
            }
            #expect(
                codes == [
                    "topic": "unknown_value", "caller.phone": "invalid_phone", "caller.id_number": "invalid_id_number",
                    "enterprise.credit_code": "invalid_credit_code",
                ])
            #expect(gateway.intake.submits.isEmpty)
        }
    }
}
