import Foundation
import PersonalData
import Testing

@Suite struct PersonalDataKeysTests {
    let keys = PersonalDataKeys.generate()

    @Test func aSealedFieldOpensOnlyInItsOwnContext() throws {
        let sealed = try keys.seal("13987654321", context: "work_order/WO-1/caller.phone")
        #expect(sealed.hasPrefix("pd1:k1:"))
        #expect(!sealed.contains("13987654321"))
        #expect(try keys.open(sealed, context: "work_order/WO-1/caller.phone") == "13987654321")
        // The same value copied into another order or field does not open there.
        #expect(throws: PersonalDataKeys.Problem.self) {
            try keys.open(sealed, context: "work_order/WO-2/caller.phone")
        }
        #expect(throws: PersonalDataKeys.Problem.self) { try keys.open(sealed, context: "work_order/WO-1/caller.name") }
        // Nor does it after one character changed, nor under another ring.
        var altered = Array(sealed)
        altered[altered.count - 3] = altered[altered.count - 3] == "A" ? "B" : "A"
        #expect(throws: PersonalDataKeys.Problem.self) {
            try keys.open(String(altered), context: "work_order/WO-1/caller.phone")
        }
        #expect(throws: PersonalDataKeys.Problem.self) {
            try PersonalDataKeys.generate().open(sealed, context: "work_order/WO-1/caller.phone")
        }
        // Two seals of one value differ (a fresh nonce each), so equal values cannot be spotted.
        #expect(try keys.seal("张三", context: "c") != keys.seal("张三", context: "c"))
        #expect(PersonalDataKeys.keyID(of: sealed) == "k1")
        #expect(PersonalDataKeys.keyID(of: "13987654321") == nil)
    }

    @Test func aRotatedRingSealsUnderItsNewKeyAndStillOpensTheOld() throws {
        let old = try keys.seal("张三", context: "c")
        let rotated = keys.rotated().rotated()
        #expect(rotated.currentID == "k3")
        #expect(rotated.keyIDs == ["k1", "k2", "k3"])
        #expect(try rotated.open(old, context: "c") == "张三")
        #expect(PersonalDataKeys.keyID(of: try rotated.seal("张三", context: "c")) == "k3")
        // The index key does not rotate: a phone keeps its hash, so search goes on working.
        #expect(rotated.keyedHash("13987654321") == keys.keyedHash("13987654321"))
    }

    @Test func theKeyedHashFindsEqualPhonesAndSaysNothingWithoutTheKey() {
        let hash = keys.keyedHash("13987654321")
        #expect(hash.hasPrefix("h1:") && hash.count == 67)
        #expect(hash == keys.keyedHash("13987654321"))
        #expect(hash != keys.keyedHash("13987654322"))
        #expect(hash != PersonalDataKeys.generate().keyedHash("13987654321"))
    }

    @Test func theRingSurvivesItsJSONAndEveryBadRingIsNamed() throws {
        let rotated = keys.rotated()
        let read = try PersonalDataKeys(json: rotated.json, source: "file")
        #expect(read.currentID == "k2")
        #expect(try read.open(rotated.seal("x", context: "c"), context: "c") == "x")
        let bad: [(String, String)] = [
            ("", "not a personal-data key ring"),
            (#"{"current": "k2", "keys": {"k1": "AAAA"}, "index": "AAAA"}"#, "key k1 is not 32 bytes"),
            (
                rotated.json.replacingOccurrences(of: #""current": "k2""#, with: #""current": "k9""#),
                "current key k9 is not among the keys"
            ),
            (rotated.json.replacingOccurrences(of: #""k1":"#, with: #""one":"#), "key id one is not k<number>"),
        ]
        for (json, reason) in bad {
            let error = #expect(throws: PersonalDataKeys.Problem.self) {
                try PersonalDataKeys(json: json, source: "SUBAN_X")
            }
            #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
            #expect(error?.description.hasPrefix("SUBAN_X: ") == true)
        }
    }
}
