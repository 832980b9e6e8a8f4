/// The workbook's shared string table (xl/sharedStrings.xml): each distinct text is stored once
/// and cells refer to it by index, which keeps repetitive report columns small.
struct SharedStrings {
    /// Keyed by UTF-8 bytes, not by `String`: Swift compares strings by canonical equivalence, so
    /// a `String` key would merge "é" (U+00E9) with "e\u{301}" and change what a user wrote.
    private var indices: [[UInt8]: Int] = [:]
    private(set) var strings: [String] = []
    /// How many cells refer to the table, for the `count` attribute.
    private(set) var referenceCount = 0

    init() {}

    /// The index of `text` in the table, adding it if new. `text` must hold only XML-legal
    /// characters.
    mutating func index(of text: String) -> Int {
        referenceCount += 1
        let key = Array(text.utf8)
        if let index = indices[key] { return index }
        strings.append(text)
        indices[key] = strings.count - 1
        return strings.count - 1
    }

    var xml: String {
        var xml = PackagePart.declaration
        xml +=
            "<sst xmlns=\"\(PackagePart.mainNamespace)\" count=\"\(referenceCount)\" uniqueCount=\"\(strings.count)\">"
        for text in strings {
            // Without xml:space="preserve" readers may trim leading and trailing white space.
            let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true
            xml += preserve ? "<si><t xml:space=\"preserve\">" : "<si><t>"
            xml += XMLText.escaped(text, excelEscapes: true)
            xml += "</t></si>"
        }
        xml += "</sst>"
        return xml
    }
}
