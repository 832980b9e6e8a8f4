import Domain
import Foundation
import Testing

/// The directory as a file an administrator edits and imports: CSV both ways, and what an import may change.
@Suite("unit directory file")
struct UnitDirectoryFileTests {
    @Test func theShippedDirectoryReadsBackFromItsCSV() throws {
        let directory = try UnitDirectory(units: UnitDirectory.shipped.units)
        let csv = directory.csvText()
        #expect(
            csv.hasPrefix(
                "code,name,level,topics,active\noffice,办公室,desk,business_environment;mediation_arbitration;other,true\n"
            ))
        #expect(try UnitDirectory.decode(csvBytes: Array(csv.utf8)) == directory)
    }

    @Test func theExampleFileInDocsIsTheShippedDirectory() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../docs/units-example.csv").standardizedFileURL
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == (try UnitDirectory(units: UnitDirectory.shipped.units)).csvText())
    }

    @Test func everyBadRowIsNamedByLineAndColumn() throws {
        let csv = """
            code,name,level,topics,active
            office,办公室,desk,other,true
            enterprise_help,助企联络员,enterprise_help,,
            Bad Code,某科,unit,,true
            pension_insurance_center,养老保险中心,section,pension,true
            talent_exchange_center,人才交流中心,unit,talent;nosuch,maybe
            job_placement_center,职业介绍服务中心,unit
            """
        let error = #expect(throws: UnitDirectory.UpdateError.self) {
            try UnitDirectory.decode(csvBytes: Array(csv.utf8))
        }
        #expect(
            error?.fieldErrors.map(\.field) == [
                "csv.line[4].code", "csv.line[5].level", "csv.line[6].topics", "csv.line[6].active", "csv.line[7]",
            ])
    }

    @Test func aFileWithoutTheHeaderOrWithTwoDesksIsRefused() throws {
        let headless = #expect(throws: UnitDirectory.UpdateError.self) {
            try UnitDirectory.decode(csvBytes: Array("office,办公室,desk,,true\n".utf8))
        }
        #expect(headless?.fieldErrors.first?.field == "csv.line[1]")
        let twoDesks =
            "code,name,level,topics,active\noffice,办公室,desk,,\nother_office,另一办公室,desk,,\nenterprise_help,助企联络员,enterprise_help,,\n"
        let whole = #expect(throws: UnitDirectory.UpdateError.self) {
            try UnitDirectory.decode(csvBytes: Array(twoDesks.utf8))
        }
        #expect(whole?.fieldErrors.first?.field == "units")
    }

    @Test func anImportKeepsEveryUnitAndItsLevel() throws {
        let current = try UnitDirectory(units: UnitDirectory.shipped.units)
        var units = current.units.filter { $0.code != "job_placement_center" }
        units[units.firstIndex { $0.code == "talent_exchange_center" }!].level = .desk
        let problems = current.problems(
            importing: try UnitDirectory(
                units: units.map { unit in
                    var unit = unit
                    if unit.code == "office" { unit.level = .unit }  // keep one desk so that the file is valid on its own
                    return unit
                }))
        #expect(problems.map(\.field).sorted() == ["units", "units[0].level", "units[8].level"])
        #expect(
            problems.contains { $0.message.contains("job_placement_center") && $0.message.contains("active false") })
    }

    @Test func theSummarySaysWhatAnImportAddsAndChanges() throws {
        let current = try UnitDirectory(units: UnitDirectory.shipped.units)
        var units = current.units
        units[units.firstIndex { $0.code == "job_placement_center" }!].topics = [.employment]
        units.append(
            BureauUnit(
                code: "mediation_arbitration_section", name: "调解仲裁管理科", level: .unit, topics: [.mediationArbitration]))
        let imported = try UnitDirectory(units: units)
        #expect(current.problems(importing: imported).isEmpty)
        let summary = current.summary(importing: imported)
        #expect(summary.added == ["mediation_arbitration_section"] && summary.changed == ["job_placement_center"])
        #expect(summary.unchanged.count == current.units.count - 1)
    }
}
