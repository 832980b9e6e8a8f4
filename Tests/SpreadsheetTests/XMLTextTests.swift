import Testing

@testable import Spreadsheet

/// Escaping and cleaning of user text on its way into XML.
@Suite struct XMLTextTests {
    @Test func escapesMarkupCharacters() {
        #expect(XMLText.escaped(#"a & b < c > d "e" 'f'"#) == "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'")
        #expect(XMLText.escaped("&amp;") == "&amp;amp;")
    }

    @Test func keepsChineseEmojiTabsAndLineFeedsAsTheyAre() {
        let text = "三门峡市\t渑池县\n👍🏽 家族 👨‍👩‍👧 é e\u{301}"
        #expect(XMLText.escaped(text) == text)
        #expect(XMLText.removingIllegalCharacters(text) == text)
    }

    @Test func writesCarriageReturnsAsCharacterReferences() {
        // A literal CR would be turned into a line feed by the reader's newline normalisation.
        #expect(XMLText.escaped("a\r\nb\rc") == "a&#13;\nb&#13;c")
    }

    @Test func removesCharactersXMLCannotCarry() {
        let illegal: [Unicode.Scalar] = [
            "\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{FFFE}", "\u{FFFF}",
        ]
        for scalar in illegal {
            #expect(
                XMLText.removingIllegalCharacters("a\(Character(scalar))b") == "ab",
                "U+\(String(scalar.value, radix: 16))")
            #expect(!XMLText.isLegal(scalar))
        }
        for scalar in ["\t", "\n", "\r", " ", "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{10000}", "\u{10FFFF}"]
            as [Unicode.Scalar]
        {
            #expect(XMLText.isLegal(scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test(arguments: [
        ("_x0041_", "_x005F_x0041_"),
        ("a_x00e9_b", "a_x005F_x00e9_b"),
        ("_x0041__x0042_", "_x005F_x0041__x005F_x0042_"),
        ("_x0041_x0042_", "_x005F_x0041_x005F_x0042_"),
        ("_x005F_", "_x005F_x005F_"),
        ("_x004_", "_x004_"),
        ("_x00G1_", "_x00G1_"),
        ("_X0041_", "_X0041_"),
        ("snake_case_x", "snake_case_x"),
    ])
    func escapesExcelHexSequencesOnlyWhereExcelWouldDecodeThem(input: String, expected: String) {
        #expect(XMLText.escaped(input, excelEscapes: true) == expected)
        #expect(XMLText.escaped(input) == input)
    }
}
