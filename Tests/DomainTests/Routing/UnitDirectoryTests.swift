import Domain
import Foundation
import Testing

/// The shipped directory, its JSON form, and the validation of an administrator's edit of a unit.
@Suite struct UnitDirectoryTests {
    typealias F = RoutingFixtures

    @Test func shippedDirectoryIsTheDeskTenUnitsAndTheEnterpriseHelpLiaison() throws {
        let directory = try UnitDirectory.decode(jsonBytes: F.directory.jsonBytes())
        #expect(directory == F.directory)
        #expect(directory.desk.name == "办公室" && directory.enterpriseHelp.level == .enterpriseHelp)
        let units = directory.units.filter { $0.level == .unit }.map(\.name)
        #expect(
            units == [
                "就业办", "城镇职工养老保险科", "劳动就业培训中心", "养老保险中心", "失业保险中心", "工伤保险中心",
                "劳动保障监察支队", "人才交流中心", "职业介绍服务中心", "职业技能鉴定指导中心",
            ]
        )
        // Every topic is answered for by someone.
        for topic in WorkOrder.Topic.allCases {
            #expect(!directory.owners(of: topic).isEmpty, "nobody answers for \(topic)")
        }
    }

    /// People are the console's accounts: a directory that still names them is refused, not half-read.
    @Test func aDirectoryNamingPeopleIsRefused() {
        let json = Self.directoryJSON(
            Self.unitJSON("a", level: "desk", extra: #", "liaison": {"name": "x", "email": "x@example.invalid"}"#))
        #expect {
            _ = try UnitDirectory.decode(jsonBytes: json)
        } throws: { error in
            (error as? FieldError)?.field == "units[0].liaison"
                && (error as? FieldError)?.code == RoutingFieldCode.unknownField
        }
    }

    @Test func anEditIsAppliedWhenValid() throws {
        var directory = F.directory
        var unit = try #require(directory["work_injury_insurance_center"])
        unit.name = "工伤保险服务中心"
        unit.topics = [.workInjury, .other]
        try directory.update(unit)
        #expect(directory["work_injury_insurance_center"] == unit)
    }

    @Test func anInvalidEditListsEveryProblemAndChangesNothing() throws {
        var directory = F.directory
        var unit = try #require(directory["work_injury_insurance_center"])
        unit.name = "  "
        unit.level = .desk
        unit.topics = [.workInjury, .workInjury]
        #expect {
            try directory.update(unit)
        } throws: { error in
            guard let error = error as? UnitDirectory.UpdateError else { return false }
            return error.fieldErrors.map(\.field) == ["name", "topics[1]", "level"]
        }
        #expect(directory == F.directory)
    }

    @Test func anUnknownUnitOrAnInactiveDeskIsRefused() throws {
        var unknown = try #require(F.directory["office"])
        unknown.code = "arbitration_section"
        #expect(F.directory.problems(updating: unknown).map(\.code) == [RoutingFieldCode.unknownUnit])
        var desk = try #require(F.directory["office"])
        desk.active = false
        #expect(F.directory.problems(updating: desk).map(\.field) == ["active"])
    }

    @Test(arguments: [
        ("liaison@rsj.smx.gov.cn", true), ("a.b-c+d@example.invalid", true), ("x@sub.example.com", true),
        ("", false), ("plain", false), ("a@b", false), ("a@@b.cn", false), (".a@b.cn", false), ("a..b@b.cn", false),
        ("a@-b.cn", false), ("a b@b.cn", false), ("张三@b.cn", false), ("a@b.c1", false), (" a@b.cn", false),
    ])
    func emailSyntax(address: String, valid: Bool) {
        #expect(EmailAddress.isValid(address) == valid)
    }

    @Test(arguments: [
        ("desk.office@example.invalid", true), ("a@mail.example.com", true), ("a@EXAMPLE.ORG", true),
        ("a@host.test", true),
        ("liaison@rsj.smx.gov.cn", false), ("a@example.com.cn", false), ("a@notexample.com", false),
    ])
    func addressesAtReservedDomainsAreNeverDelivered(address: String, never: Bool) {
        #expect(EmailAddress.isNeverDelivered(address) == never)
    }

    static func directoryJSON(_ units: String) -> Data {
        Data(#"{"units": [\#(units)]}"#.utf8)
    }

    static func unitJSON(_ code: String, level: String = "unit", extra: String = "") -> String {
        #"{"code": "\#(code)", "name": "n", "level": "\#(level)"\#(extra)}"#
    }

    static let refused: [(Data, String, FieldError.Code)] = [
        (directoryJSON(unitJSON("a", level: "desk")), "units", .required),
        (
            directoryJSON([unitJSON("a", level: "desk"), unitJSON("b", level: "boss")].joined(separator: ",")),
            "units[1].level", RoutingFieldCode.unknownValue
        ),
        (
            directoryJSON(
                [unitJSON("a", level: "desk"), unitJSON("a", level: "enterprise_help")].joined(separator: ",")),
            "units[1].code", RoutingFieldCode.duplicate
        ),
        (
            directoryJSON([unitJSON("a", level: "desk", extra: #", "topics": ["pensions"]"#)].joined(separator: ",")),
            "units[0].topics[0]", RoutingFieldCode.unknownValue
        ),
        (
            directoryJSON([unitJSON("a", level: "desk", extra: #", "phone": "1""#)].joined(separator: ",")),
            "units[0].phone", RoutingFieldCode.unknownField
        ),
        (
            directoryJSON(
                [unitJSON("A-1", level: "desk"), unitJSON("b", level: "enterprise_help")].joined(separator: ",")),
            "units[0].code", RoutingFieldCode.invalidCode
        ),
    ]

    @Test(arguments: refused)
    func invalidDirectoriesAreRefusedNamingTheField(json: Data, field: String, code: FieldError.Code) {
        #expect {
            _ = try UnitDirectory.decode(jsonBytes: json)
        } throws: { error in
            guard let error = error as? FieldError else { return false }
            return error.field == field && error.code == code
        }
    }
}
