import Domain
import Foundation
import WireProtocol

// libFuzzer target `requests` (scripts/fuzz.sh): the body of a request as a caller sends it.
//
// The first byte picks a request message of one of the services (`RequestCatalog.kinds`); the rest is
// decoded through protobuf-c as that message. A message that decodes must encode and decode again to
// the same value, and is then mapped to domain values by the service's own request mapping where that
// compiles without the service's handlers and stores (intake, routing, coordination; sla's calendar).

// A broken invariant calls fatalError, which prints its message in -O builds too (precondition
// does not): libFuzzer then saves the input and the log says what broke.

@_cdecl("LLVMFuzzerTestOneInput")
public func requestsFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let kinds = RequestCatalog.kinds
    let kind = kinds[Int(data[0]) % kinds.count]
    kind.read(UnsafeRawBufferPointer(start: data + 1, count: size - 1))
    return 0
}

/// Every service's request messages, each with what its service does with it first.
enum RequestCatalog {
    struct Kind: Sendable {
        var service: String
        var name: String
        var read: @Sendable (UnsafeRawBufferPointer) -> Void

        init<Request: WireMessage & Equatable>(
            _ service: String,
            _ type: Request.Type,
            then map: @escaping @Sendable (Request) -> Void = { _ in }
        ) {
            self.service = service
            name = String(describing: type)
            read = { bytes in
                let request: Request
                do {
                    request = try Request(wireBytes: bytes)
                } catch {
                    return
                }
                let again: Request
                do {
                    again = try Request(wireBytes: try request.wireBytes())
                } catch {
                    fatalError("a decoded \(Request.self) did not encode and decode again: \(error)")
                }
                guard again == request else {
                    fatalError("a \(Request.self) changed on a round trip: \(request) became \(again)")
                }
                map(request)
            }
        }
    }
}

/// sla: `sla.load_calendar` reads the holiday file with the domain's `HolidayYear.decode` before it
/// touches the engine's store. (`sla.start_clock`'s `ClockStart(wire:)` lives in SLAService+Router.swift
/// beside the router, which needs ServiceKit and the engine: not covered.)
enum SLARequestMapping {
    static func loadCalendar(_ request: Wire.LoadCalendarRequest) {
        _ = try? HolidayYear.decode(jsonBytes: Data(request.json))
    }
}
