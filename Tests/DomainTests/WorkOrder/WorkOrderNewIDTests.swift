import Foundation
import Testing

@testable import Domain

@Suite("A new order's id")
struct WorkOrderNewIDTests {
    /// A generator that replays fixed words, so that an id's every bit can be checked.
    struct Replay: RandomNumberGenerator {
        var words: [UInt64]
        mutating func next() -> UInt64 { words.removeFirst() }
    }

    @Test func isAVersion7UUIDOfTheMillisecondAndTheRandomBits() throws {
        // 2026-12-07T00:00:00.123Z: 1_796_601_600_123 ms = 0x01a2_4dcc_d87b.
        let date = Date(timeIntervalSince1970: 1_796_601_600.123)
        var all = Replay(words: [.max, .max])
        var none = Replay(words: [0, 0])
        #expect(WorkOrder.newID(at: date, using: &all) == "WO-01a24dcc-d87b-7fff-bfff-ffffffffffff")
        #expect(WorkOrder.newID(at: date, using: &none) == "WO-01a24dcc-d87b-7000-8000-000000000000")
        let id = WorkOrder.newID(at: date)
        let uuid = try #require(UUID(uuidString: String(id.dropFirst(3))))
        #expect(id.hasPrefix("WO-01a24dcc-d87b-7"))
        #expect(id == "WO-" + uuid.uuidString.lowercased())
    }

    @Test func laterOrdersSortAfterEarlierOnesAndNoTwoAreAlike() {
        let start = Date(timeIntervalSince1970: 1_796_601_600)
        let ids = (0..<2000).map { WorkOrder.newID(at: start.addingTimeInterval(Double($0 / 4) / 1000)) }
        #expect(Set(ids).count == ids.count)
        // Within one millisecond the order is the random bits'; across milliseconds, time's.
        for (earlier, later) in zip(ids, ids.dropFirst(4)) {
            #expect(earlier < later)
        }
    }

    @Test func aClockBeforeNineteenSeventyGivesMillisecondZero() {
        var none = Replay(words: [0, 0])
        #expect(
            WorkOrder.newID(at: Date(timeIntervalSince1970: -5), using: &none)
                == "WO-00000000-0000-7000-8000-000000000000")
    }
}
