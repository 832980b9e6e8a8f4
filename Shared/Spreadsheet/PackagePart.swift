/// The fixed plumbing of an Office Open XML package (ECMA-376 part 2): which parts exist, what
/// type each has, and how they point at each other. Only the part count depends on the workbook.
enum PackagePart {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let contentTypePrefix = "application/vnd.openxmlformats-officedocument."

    static func worksheetPath(_ index: Int) -> String { "xl/worksheets/sheet\(index + 1).xml" }

    /// [Content_Types].xml: the media type of every part.
    static func contentTypes(sheetCount: Int) -> String {
        var xml = declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        var overrides = [
            ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
            ("xl/styles.xml", "spreadsheetml.styles+xml"),
            ("xl/sharedStrings.xml", "spreadsheetml.sharedStrings+xml"),
            ("docProps/app.xml", "extended-properties+xml"),
        ]
        overrides += (0..<sheetCount).map { (worksheetPath($0), "spreadsheetml.worksheet+xml") }
        for (path, type) in overrides {
            xml += "<Override PartName=\"/\(path)\" ContentType=\"\(contentTypePrefix)\(type)\"/>"
        }
        xml += "</Types>"
        return xml
    }

    /// _rels/.rels: the package's entry points, the workbook and its application properties.
    static var rootRelationships: String {
        relationships([
            ("rId1", "officeDocument", "xl/workbook.xml"),
            ("rId2", "extended-properties", "docProps/app.xml"),
        ])
    }

    /// xl/_rels/workbook.xml.rels: sheet i is rId(i+1), then styles and shared strings.
    static func workbookRelationships(sheetCount: Int) -> String {
        var targets = (0..<sheetCount).map { ("rId\($0 + 1)", "worksheet", "worksheets/sheet\($0 + 1).xml") }
        targets.append(("rId\(sheetCount + 1)", "styles", "styles.xml"))
        targets.append(("rId\(sheetCount + 2)", "sharedStrings", "sharedStrings.xml"))
        return relationships(targets)
    }

    /// xl/workbook.xml: the sheets in tab order, each pointing at its part by relationship id.
    static func workbook(sheetNames: [String]) -> String {
        var xml = declaration
        xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml += "<sheet name=\"\(XMLText.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets></workbook>"
        return xml
    }

    /// docProps/app.xml: which program wrote the file, shown in Excel's file properties.
    static var applicationProperties: String {
        declaration
            + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>Suban Spreadsheet</Application></Properties>"
    }

    private static func relationships(_ targets: [(id: String, type: String, target: String)]) -> String {
        var xml = declaration + "<Relationships xmlns=\"\(packageRelationshipNamespace)\">"
        for (id, type, target) in targets {
            xml += "<Relationship Id=\"\(id)\" Type=\"\(relationshipNamespace)/\(type)\" Target=\"\(target)\"/>"
        }
        xml += "</Relationships>"
        return xml
    }
}
