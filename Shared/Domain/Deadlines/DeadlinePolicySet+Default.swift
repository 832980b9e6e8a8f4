import Foundation

extension DeadlinePolicySet {
    /// The profile Suban ships, from notice 人社办函〔2021〕80号 and the typical practice in
    /// domain-notes.md; the SLA service uses it unless `SUBAN_SLA_POLICY_FILE` names another.
    ///
    /// - acknowledge: urgent 30 minutes, otherwise 4 hours, wall clock;
    /// - handling (when the platform sets no deadline): consultations 3 working days, suggestions
    ///   15, everything else (complaints, reports, requests for help) 13;
    /// - green channel: same day, complex 7 working days, difficult 15;
    /// - action items of coordination meetings: 5 working days unless the meeting set a date;
    /// - an extension moves at most one calendar month beyond the original deadline.
    ///
    /// Warnings: at 80 % of the span, and one hour (acknowledge) or one day (day-based clocks)
    /// before it is due; the same-day clock warns at half-time and at 16:00, while the office is
    /// open. Reminders (催办) every 15 minutes (urgent acknowledgement), hourly (normal
    /// acknowledgement) or daily, the day after an unexplained overdue as practice has it.
    public static let shippedDefaultJSON = #"""
        {
          "profile": "suban-default",
          "policies": [
            {
              "name": "acknowledge.urgent",
              "kind": "acknowledge",
              "match": { "urgency": ["urgent"] },
              "due": { "minutes": 30 },
              "warnings": [{ "fractionOfSpan": 0.8 }],
              "reminders": { "everyMinutes": 15 }
            },
            {
              "name": "acknowledge.normal",
              "kind": "acknowledge",
              "due": { "minutes": 240 },
              "warnings": [{ "fractionOfSpan": 0.8 }, { "minutesBefore": 60 }],
              "reminders": { "everyMinutes": 60 }
            },
            {
              "name": "handling.consultation",
              "kind": "handling",
              "match": { "orderKind": ["consultation"] },
              "due": { "workingDays": 3 },
              "warnings": [{ "fractionOfSpan": 0.8 }, { "minutesBefore": 1440 }],
              "reminders": { "everyMinutes": 1440 }
            },
            {
              "name": "handling.suggestion",
              "kind": "handling",
              "match": { "orderKind": ["suggestion"] },
              "due": { "workingDays": 15 },
              "warnings": [{ "fractionOfSpan": 0.8 }, { "minutesBefore": 1440 }],
              "reminders": { "everyMinutes": 1440 }
            },
            {
              "name": "handling.general",
              "kind": "handling",
              "due": { "workingDays": 13 },
              "warnings": [{ "fractionOfSpan": 0.8 }, { "minutesBefore": 1440 }],
              "reminders": { "everyMinutes": 1440 }
            },
            {
              "name": "green.same_day",
              "kind": "green_same_day",
              "due": { "sameDay": true },
              "warnings": [{ "fractionOfSpan": 0.5 }, { "minutesBefore": 480 }],
              "reminders": { "everyMinutes": 1440 }
            },
            {
              "name": "green.complex",
              "kind": "green_complex",
              "due": { "workingDays": 7 },
              "warnings": [{ "fractionOfSpan": 0.8 }, { "minutesBefore": 1440 }],
              "reminders": { "everyMinutes": 1440 }
            },
            {
              "name": "green.difficult",
              "kind": "green_difficult",
              "due": { "workingDays": 15 },
              "warnings": [{ "fractionOfSpan": 0.8 }, { "minutesBefore": 1440 }],
              "reminders": { "everyMinutes": 1440 }
            },
            {
              "name": "action_item.default",
              "kind": "action_item",
              "due": { "workingDays": 5 },
              "warnings": [{ "fractionOfSpan": 0.8 }, { "minutesBefore": 1440 }],
              "reminders": { "everyMinutes": 1440 }
            }
          ],
          "extension": { "capMonths": 1, "kinds": ["handling", "green_difficult", "green_complex"] }
        }
        """#

    /// `shippedDefaultJSON`, decoded (DomainTests check that it decodes).
    public static let shippedDefault: DeadlinePolicySet = {
        do {
            return try decode(jsonBytes: Data(shippedDefaultJSON.utf8))
        } catch {
            // DomainTests fail first; a build that still ships it names the fault in its profile,
            // which the SLA service prints at start, and refuses clocks that have no due given.
            return DeadlinePolicySet(
                unvalidatedProfile: "shipped-default-invalid: \(error)", policies: [],
                extensionRule: ExtensionRule(capMonths: 1, kinds: [])
            )
        }
    }()
}
