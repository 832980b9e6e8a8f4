import Hummingbird
import NIOCore
import PlatformAdapter

extension PlatformSimulator {
    /// Why a request's body was not read: answered as it is, and nothing else happens.
    struct BodyRefusal: Error {
        let status: Int
        let code: String
        let message: String

        var response: Response {
            PlatformSimulator.response(status, ["error": ["code": .string(code), "message": .string(message)]])
        }
    }

    /// The request's whole body, refused with 413 when it is longer than `limit` bytes and with 400
    /// when the connection broke before it ended.
    static func body(of request: Request, upTo limit: Int) async -> Result<[UInt8], BodyRefusal> {
        do {
            return .success(Array(try await request.body.collect(upTo: limit).readableBytesView))
        } catch is NIOTooManyBytesError {
            return .failure(BodyRefusal(status: 413, code: "too_large", message: "the body exceeds \(limit) bytes"))
        } catch {
            return .failure(BodyRefusal(status: 400, code: "unreadable_body", message: "the body could not be read"))
        }
    }

    /// A control request's JSON object; an empty body is an empty object (every field defaults).
    static func controlRequest(_ request: Request) async -> Result<JSONValue, BodyRefusal> {
        let body: [UInt8]
        switch await Self.body(of: request, upTo: 1 << 16) {
        case .success(let bytes): body = bytes
        case .failure(let refusal): return .failure(refusal)
        }
        if body.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return .success([:]) }
        guard let json = JSONValue.parse(body), case .object = json else {
            return .failure(BodyRefusal(status: 400, code: "malformed_json", message: "the body must be a JSON object"))
        }
        return .success(json)
    }
}
