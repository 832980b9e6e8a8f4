import Domain
import Foundation
import Testing

extension DeadlinesTests {
    @Suite("Deadline policies")
    struct DeadlinePolicySetTests {
        static let shipped = DeadlinePolicySet.shippedDefault

        static func instant(_ text: String) throws -> Date {
            try #require(ShanghaiTime.parseISO8601(text))
        }

        @Test func shippedProfileHasTheNoticesFigures() throws {
            let set = Self.shipped
            #expect(set.profile == "suban-default")
            #expect(set.policy(for: .acknowledge, urgency: .urgent, orderKind: nil).due == .minutes(30))
            #expect(set.policy(for: .acknowledge, urgency: .normal, orderKind: .complaint).due == .minutes(240))
            #expect(set.policy(for: .acknowledge, urgency: nil, orderKind: nil).name == "acknowledge.normal")
            #expect(set.policy(for: .handling, urgency: .urgent, orderKind: .consultation).due == .workingDays(3))
            for kind in [WorkOrder.Kind.complaint, .report, .help] {
                #expect(set.policy(for: .handling, urgency: .normal, orderKind: kind).due == .workingDays(13))
            }
            #expect(set.policy(for: .handling, urgency: nil, orderKind: .suggestion).due == .workingDays(15))
            #expect(set.policy(for: .greenSameDay, urgency: nil, orderKind: nil).due == .sameDay)
            #expect(set.policy(for: .greenComplex, urgency: nil, orderKind: nil).due == .workingDays(7))
            #expect(set.policy(for: .greenDifficult, urgency: nil, orderKind: nil).due == .workingDays(15))
            #expect(set.policy(for: .actionItem, urgency: nil, orderKind: nil).due == .workingDays(5))
            #expect(set.extensionRule == .init(capMonths: 1, kinds: [.handling, .greenDifficult, .greenComplex]))
            for policy in set.policies {
                #expect(!policy.warnings.isEmpty, "\(policy.name) warns")
                #expect(policy.reminders != nil, "\(policy.name) reminds")
            }
        }

        @Test func encodesAndDecodesToTheSameSet() throws {
            let again = try DeadlinePolicySet.decode(jsonBytes: Self.shipped.jsonBytes())
            #expect(again == Self.shipped)
        }

        @Test func computesDeadlinesOnTheCalendar() throws {
            let calendar = WorkingDayCalendar.shipped
            let start = try Self.instant("2025-09-30T10:00:00+08:00")
            let urgent = Self.shipped.policy(for: .acknowledge, urgency: .urgent, orderKind: nil)
            #expect(try urgent.due.deadline(from: start, calendar: calendar)?.instant == start.addingTimeInterval(1800))
            let consultation = Self.shipped.policy(for: .handling, urgency: nil, orderKind: .consultation)
            // 10-09, 10-10, make-up Saturday 10-11.
            #expect(
                try consultation.due.deadline(from: start, calendar: calendar)?.instant
                    == Self.instant("2025-10-12T00:00:00+08:00"))
            let sameDay = Self.shipped.policy(for: .greenSameDay, urgency: nil, orderKind: nil)
            #expect(
                try sameDay.due.deadline(from: Self.instant("2025-10-04T09:00:00+08:00"), calendar: calendar)?.instant
                    == Self.instant("2025-10-10T00:00:00+08:00"))
            #expect(try DueRule.givenByCaller.deadline(from: start, calendar: calendar) == nil)
            #expect(DueRule.workingDays(1).dependsOnCalendar && !DueRule.minutes(1).dependsOnCalendar)
        }

        /// An override file in the documented format: a stricter urgent acknowledgement, a policy
        /// for urgent complaints, action items whose date the meeting sets.
        static let override = """
            {
              "profile": "county-strict",
              "policies": [
                { "name": "ack.urgent", "kind": "acknowledge", "match": { "urgency": ["urgent"] }, "due": { "minutes": 20 } },
                { "name": "ack", "kind": "acknowledge", "due": { "minutes": 120 }, "warnings": [{ "minutesBefore": 30 }] },
                { "name": "handling", "kind": "handling", "due": { "workingDays": 10 } },
                { "name": "handling.urgent-complaint", "kind": "handling",
                  "match": { "urgency": ["urgent"], "orderKind": ["complaint", "report"] }, "due": { "workingDays": 5 } },
                { "name": "handling.complaint", "kind": "handling", "match": { "orderKind": ["complaint"] }, "due": { "workingDays": 8 } },
                { "name": "same", "kind": "green_same_day", "due": { "sameDay": true } },
                { "name": "complex", "kind": "green_complex", "due": { "workingDays": 7 } },
                { "name": "difficult", "kind": "green_difficult", "due": { "months": 1 } },
                { "name": "item", "kind": "action_item", "due": { "givenByCaller": true },
                  "reminders": { "everyMinutes": 1440, "limit": 3 } }
              ],
              "extension": { "capMonths": 2, "kinds": ["handling"] }
            }
            """

        @Test func anOverrideFileReplacesTheProfile() throws {
            let set = try DeadlinePolicySet.decode(jsonBytes: Data(Self.override.utf8))
            #expect(set.profile == "county-strict")
            #expect(
                set.policy(for: .handling, urgency: .urgent, orderKind: .complaint).name == "handling.urgent-complaint")
            #expect(set.policy(for: .handling, urgency: .normal, orderKind: .complaint).name == "handling.complaint")
            #expect(
                set.policy(for: .handling, urgency: .urgent, orderKind: .report).name == "handling.urgent-complaint")
            #expect(set.policy(for: .handling, urgency: .normal, orderKind: .report).name == "handling")
            #expect(set.policy(for: .actionItem, urgency: nil, orderKind: nil).due == .givenByCaller)
            #expect(
                set.policy(for: .actionItem, urgency: nil, orderKind: nil).reminders
                    == ReminderRule(everyMinutes: 1440, limit: 3))
            #expect(set.extensionRule.capMonths == 2)
        }

        struct Bad: Sendable, CustomTestStringConvertible {
            let note: String
            let edit: @Sendable (String) -> String
            let code: DeadlinePolicySet.ValidationError.Code
            let field: String?
            var testDescription: String { note }
        }

        static let bad: [Bad] = [
            Bad(note: "not JSON", edit: { _ in "{" }, code: .malformedJSON, field: nil),
            Bad(
                note: "misspelt field",
                edit: { $0.replacingOccurrences(of: "\"minutesBefore\"", with: "\"minutesBefor\"") },
                code: .unknownField, field: "policies[1].warnings[0].minutesBefor"),
            Bad(
                note: "zero working days",
                edit: { $0.replacingOccurrences(of: "\"workingDays\": 10", with: "\"workingDays\": 0") },
                code: .invalidValue, field: "policies[2].due.workingDays"),
            Bad(
                note: "two due rules",
                edit: {
                    $0.replacingOccurrences(of: "{ \"sameDay\": true }", with: "{ \"sameDay\": true, \"minutes\": 5 }")
                },
                code: .invalidValue, field: "policies[5].due"),
            Bad(
                note: "fraction of 1",
                edit: { $0.replacingOccurrences(of: "{ \"minutesBefore\": 30 }", with: "{ \"fractionOfSpan\": 1 }") },
                code: .invalidValue, field: "policies[1].warnings[0].fractionOfSpan"),
            Bad(
                note: "unknown kind",
                edit: { $0.replacingOccurrences(of: "\"green_complex\"", with: "\"green_complicated\"") },
                code: .invalidValue, field: "policies[6].kind"),
            Bad(
                note: "unknown urgency", edit: { $0.replacingOccurrences(of: "[\"urgent\"]", with: "[\"urgnet\"]") },
                code: .invalidValue, field: "policies[0].match.urgency[0]"),
            Bad(
                note: "duplicate name",
                edit: { $0.replacingOccurrences(of: "\"name\": \"complex\"", with: "\"name\": \"same\"") },
                code: .duplicateName, field: "policies[6].name"),
            Bad(
                note: "kind without default",
                edit: {
                    $0.replacingOccurrences(
                        of: "\"name\": \"ack\", \"kind\": \"acknowledge\",",
                        with: "\"name\": \"ack\", \"kind\": \"acknowledge\", \"match\": { \"urgency\": [\"normal\"] },")
                },
                code: .missingDefault, field: "policies"),
            Bad(
                note: "two policies tie",
                edit: {
                    $0.replacingOccurrences(
                        of: "\"match\": { \"orderKind\": [\"complaint\"] }",
                        with: "\"match\": { \"orderKind\": [\"complaint\"], \"urgency\": [\"urgent\"] }")
                },
                code: .ambiguousMatch, field: "policies[4].match"),
            Bad(
                note: "extension of nothing",
                edit: { $0.replacingOccurrences(of: "\"kinds\": [\"handling\"]", with: "\"kinds\": []") },
                code: .invalidValue, field: "extension.kinds"),
            Bad(
                note: "missing extension",
                edit: {
                    $0.replacingOccurrences(
                        of: ",\n  \"extension\": { \"capMonths\": 2, \"kinds\": [\"handling\"] }", with: "")
                },
                code: .malformedJSON, field: "extension"),
        ]

        @Test(arguments: bad)
        func aBadFileIsRejectedNamingTheField(_ bad: Bad) throws {
            let text = bad.edit(Self.override)
            #expect(text != Self.override || bad.code == .malformedJSON, "the edit did not apply")
            let error = #expect(throws: DeadlinePolicySet.ValidationError.self) {
                try DeadlinePolicySet.decode(jsonBytes: Data(text.utf8))
            }
            #expect(error?.code == bad.code, "\(String(describing: error))")
            #expect(error?.field == bad.field, "\(String(describing: error))")
        }
    }
}
