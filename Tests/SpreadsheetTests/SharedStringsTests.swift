import Testing

@testable import Spreadsheet

/// The shared string table stores each text once, byte for byte.
@Suite struct SharedStringsTests {
    @Test func storesEachDistinctTextOnceAndCountsEveryUse() {
        var strings = SharedStrings()
        #expect(strings.index(of: "单位") == 0)
        #expect(strings.index(of: "三门峡") == 1)
        #expect(strings.index(of: "单位") == 0)
        #expect(strings.index(of: "") == 2)
        #expect(strings.strings == ["单位", "三门峡", ""])
        #expect(strings.referenceCount == 4)
        #expect(strings.xml.contains(#"count="4" uniqueCount="3""#))
    }

    @Test func keepsCanonicallyEquivalentTextsApart() {
        // Equal as Swift Strings, different as text: a user's spelling must come back unchanged.
        var strings = SharedStrings()
        let composed = "\u{E9}"
        let decomposed = "e\u{301}"
        #expect(strings.index(of: composed) == 0)
        #expect(strings.index(of: decomposed) == 1)
        #expect(strings.strings.map { Array($0.unicodeScalars) } == [["\u{E9}"], ["e", "\u{301}"]])
    }

    @Test func preservesLeadingAndTrailingWhiteSpace() {
        var strings = SharedStrings()
        _ = strings.index(of: " padded ")
        _ = strings.index(of: "plain")
        #expect(strings.xml.contains(#"<si><t xml:space="preserve"> padded </t></si><si><t>plain</t></si>"#))
    }

    @Test func escapesTextThatExcelWouldReadAsACharacterCode() {
        // openpyxl does not decode _xHHHH_, so only the XML shows whether Excel would see "A".
        var strings = SharedStrings()
        _ = strings.index(of: "_x0041_ & _x")
        #expect(strings.xml.contains("<si><t>_x005F_x0041_ &amp; _x</t></si>"))
    }
}
