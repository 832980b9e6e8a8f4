import Domain
import Foundation
import PropertyBased
import Testing

extension CalendarTests {
    @Suite("ShanghaiTime ISO 8601")
    struct ShanghaiTimeTests {
        @Test(
            "accepts Z and offsets",
            arguments: [
                ("2025-10-08T16:00:00Z", 1_759_939_200.0),
                ("2025-10-08t16:00:00z", 1_759_939_200.0),
                ("2025-10-09T00:00:00+08:00", 1_759_939_200.0),
                ("2025-10-09T00:00:00+0800", 1_759_939_200.0),
                ("2025-10-08T11:00:00-05:00", 1_759_939_200.0),
                ("2025-10-08T24:00:00+08:00", 1_759_939_200.0),
                ("2025-10-08T16:00:00.5Z", 1_759_939_200.5),
                ("2025-10-08T16:00:00,25Z", 1_759_939_200.25),
                ("1969-12-31T23:59:59Z", -1.0),
            ]
        )
        func parses(text: String, seconds: Double) throws {
            let date = try #require(ShanghaiTime.parseISO8601(text))
            #expect(date.timeIntervalSince1970 == seconds)
        }

        @Test(
            "rejects what is not a full timestamp with an offset",
            arguments: [
                "2025-10-09T00:00:00", "2025-10-09 00:00:00+08:00", "2025-10-09T25:00:00Z", "2025-10-09T00:60:00Z",
                "2025-10-09T00:00:60Z", "2025-10-09T24:00:01Z", "2025-10-09T00:00:00+24:00", "2025-10-09T00:00:00+8:00",
                "2025-10-09T00:00:00Zjunk", "2025-10-09T00:00:00.Z", "2025-02-29T00:00:00Z", "", "2025-10-09",
            ]
        )
        func rejects(text: String) {
            #expect(ShanghaiTime.parseISO8601(text) == nil)
        }

        @Test("prints +08:00, with milliseconds only when there are any")
        func formats() throws {
            #expect(
                ShanghaiTime.iso8601(try CalendarFixtures.instant("2025-10-08T16:00:00Z"))
                    == "2025-10-09T00:00:00+08:00")
            #expect(ShanghaiTime.iso8601(Date(timeIntervalSince1970: 1.123)) == "1970-01-01T08:00:01.123+08:00")
            #expect(ShanghaiTime.iso8601(Date(timeIntervalSince1970: -28_800.5)) == "1969-12-31T23:59:59.500+08:00")
            #expect(ShanghaiTime.secondsFromUTC == 28_800)
        }

        @Test("printing then parsing gives back the instant")
        func roundTrip() async {
            let seconds = Gen.int(in: -2_000_000_000...8_000_000_000)
            await propertyCheck(input: seconds, Gen.int(in: 0...999)) { seconds, milliseconds in
                let instant = Date(timeIntervalSince1970: Double(seconds) + Double(milliseconds) / 1000)
                let parsed = ShanghaiTime.parseISO8601(ShanghaiTime.iso8601(instant))
                #expect(parsed.map { abs($0.timeIntervalSince(instant)) < 0.000_5 } == true)
            }
        }
    }
}
