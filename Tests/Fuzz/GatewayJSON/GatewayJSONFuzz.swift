import Domain
import Foundation
import PlatformAdapter
import WireProtocol

// libFuzzer target `gateway-json` (scripts/fuzz.sh), compiled into a module named GatewayCore with the
// gateway's own JSONFieldReader, InboundOrder, InboundEvent, InboundArticle and APIError.
//
// The first byte picks the endpoint; the rest is the body of an authenticated push, read the way
// `InboundDesk.receive` does: `JSONValue.parse`, an object or 400, then the endpoint's reader. A body
// that reads must give a request that encodes and decodes to the same message (it goes on to intake);
// one that does not must give an error that renders as the JSON of the 4xx answer.

private enum Endpoint: CaseIterable {
    case platformOrder, hotline12333Order, platformEvent, platformArticle
}

private let receivedAt = Date(timeIntervalSince1970: 1_795_000_000)

// A broken invariant calls fatalError, which prints its message in -O builds too (precondition
// does not): libFuzzer then saves the input and the log says what broke.

@_cdecl("LLVMFuzzerTestOneInput")
public func gatewayJSONFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let endpoint = Endpoint.allCases[Int(data[0]) % Endpoint.allCases.count]
    let body = [UInt8](UnsafeBufferPointer(start: data + 1, count: size - 1))
    guard let json = JSONValue.parse(body), case .object = json else {
        _ = APIError.malformedJSON.json.encoded()
        return 0
    }
    // The stored raw body is re-encoded for the inbox's headers and answers: must not fail.
    _ = json.encoded()
    do throws(APIError) {
        switch endpoint {
        case .platformOrder:
            roundTrip(try InboundOrder(json: json, channel: .hotline12345, receivedAt: receivedAt).draft)
        case .hotline12333Order:
            roundTrip(try InboundOrder(json: json, channel: .hotline12333, receivedAt: receivedAt).draft)
        case .platformEvent:
            roundTrip(try InboundEvent(json: json, orderNumber: "F-2026-001", appKey: "fuzz-app").request)
        case .platformArticle:
            roundTrip(try InboundArticle(json: json).request)
        }
    } catch {
        guard error.status == 400 || error.status == 422 else {
            fatalError("a pushed body was refused with \(error.status): \(error)")
        }
        _ = error.json.encoded()
    }
    return 0
}

/// The message the gateway sends on to intake: it must encode, and decode back to itself.
private func roundTrip<Message: WireMessage & Equatable>(_ message: Message) {
    do {
        let again = try Message(wireBytes: try message.wireBytes())
        guard again == message else {
            fatalError("\(Message.self) changed on the wire: \(message) became \(again)")
        }
    } catch {
        fatalError("\(Message.self) read from JSON does not encode: \(error)")
    }
}
