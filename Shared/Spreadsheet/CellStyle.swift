/// The fixed set of cell formats every workbook carries. A style's position in `allCases` is its
/// index in styles.xml's `cellXfs`, which is what a cell's `s` attribute refers to, so the two
/// cannot drift apart.
enum CellStyle: Int, CaseIterable {
    case general, bold, decimal1, decimal2, thousands, yuan, percent, date, dateTime

    init(_ format: NumberFormat) {
        switch format {
        case .general: self = .general
        case .decimal1: self = .decimal1
        case .decimal2: self = .decimal2
        case .thousands: self = .thousands
        case .yuan: self = .yuan
        }
    }

    /// Built-in ids (below 164) need no declaration; the others are declared in `numFmts`.
    /// Built-ins 2, 3 and 4 are "0.00", "#,##0" and "#,##0.00" in every locale.
    private var numberFormat: (id: Int, code: String) {
        switch self {
        case .general, .bold: (0, "General")
        case .decimal1: (164, "0.0")
        case .decimal2: (2, NumberFormat.decimal2.formatCode)
        case .thousands: (3, NumberFormat.thousands.formatCode)
        case .yuan: (4, NumberFormat.yuan.formatCode)
        case .percent: (165, "0.0%")
        case .date: (166, "yyyy-mm-dd")
        case .dateTime: (167, "yyyy-mm-dd hh:mm")
        }
    }

    /// The `s` attribute of a cell in this style; the default style needs none.
    var attribute: String { self == .general ? "" : " s=\"\(rawValue)\"" }

    /// xl/styles.xml: the custom number formats, a regular and a bold font, the two fills Excel
    /// insists on, one empty border, and one `xf` per style.
    static var stylesXML: String {
        let custom = allCases.map(\.numberFormat).filter { $0.id >= 164 }
        var xml = PackagePart.declaration
        xml += "<styleSheet xmlns=\"\(PackagePart.mainNamespace)\">"
        xml += "<numFmts count=\"\(custom.count)\">"
        for format in custom {
            xml += "<numFmt numFmtId=\"\(format.id)\" formatCode=\"\(XMLText.escaped(format.code))\"/>"
        }
        xml += "</numFmts>"
        xml += "<fonts count=\"2\">"
        xml += "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        xml += "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        xml += "</fonts>"
        xml += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        xml += "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        xml += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(allCases.count)\">"
        for style in allCases {
            let format = style.numberFormat
            let font = style == .bold ? 1 : 0
            xml += "<xf numFmtId=\"\(format.id)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
            if format.id != 0 { xml += " applyNumberFormat=\"1\"" }
            if style == .bold { xml += " applyFont=\"1\"" }
            xml += "/>"
        }
        xml += "</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        xml += "</styleSheet>"
        return xml
    }
}
