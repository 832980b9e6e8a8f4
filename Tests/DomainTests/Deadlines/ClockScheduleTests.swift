import Domain
import Testing

extension DeadlinesTests {
    /// The clock state machine with plain numbers: no time passes, no clock is read.
    @Suite("Clock schedule")
    struct ClockScheduleTests {
        static let minute: Int64 = 60_000
        /// A 4-hour clock from t = 0: warnings at 180 min (one hour before) and 192 min (80 %),
        /// reminders hourly after 240 min.
        static let fourHours = ClockSchedule(
            start: 0,
            due: 240 * minute,
            warnings: [.fractionOfSpan(0.8), .minutesBefore(60)],
            reminders: ReminderRule(everyMinutes: 60)
        )

        @Test func warningsAreSortedInsideTheSpanAndDeduplicated() {
            #expect(Self.fourHours.warnings == [180 * Self.minute, 192 * Self.minute])
            let short = ClockSchedule(
                start: 0,
                due: 30 * Self.minute,
                warnings: [.fractionOfSpan(0.8), .minutesBefore(60), .minutesBefore(6), .minutesBefore(30)],
                reminders: nil
            )
            // One hour before a 30-minute clock lies before its start; 30 minutes before is its start;
            // 80 % and 6 minutes before are the same instant.
            #expect(short.warnings == [24 * Self.minute])
        }

        @Test func walksWarningsThenOverdueThenRemindersInOrder() {
            var progress = ClockProgress.fresh
            var fired: [(ClockEvent, Int64)] = []
            var now: Int64 = 0
            while let next = Self.fourHours.next(after: progress), next.instant <= 480 * Self.minute {
                #expect(next.instant > now || now == 0)
                now = next.instant
                let step = Self.fourHours.fire(at: now, progress: progress)
                #expect(step.firings.map(\.event) == [next.event])
                fired += step.firings.map { ($0.event, $0.instant) }
                progress = step.progress
                // Firing again at the same instant fires nothing: exactly once.
                #expect(Self.fourHours.fire(at: now, progress: progress).firings.isEmpty)
            }
            #expect(
                fired.map(\.0) == [
                    .warning(1), .warning(2), .overdue, .reminder(1), .reminder(2), .reminder(3), .reminder(4),
                ])
            #expect(fired.map(\.1) == [180, 192, 240, 300, 360, 420, 480].map { $0 * Self.minute })
            #expect(
                progress
                    == ClockProgress(
                        warningsHandled: 2, warningsSent: 2, overdueSent: true, remindersHandled: 4, remindersSent: 4))
        }

        @Test func nothingFiresBeforeItsInstant() {
            let step = Self.fourHours.fire(at: 180 * Self.minute - 1, progress: .fresh)
            #expect(step.firings.isEmpty)
            #expect(step.progress == .fresh)
            #expect(Self.fourHours.next(after: .fresh) == ClockFiring(event: .warning(1), instant: 180 * Self.minute))
        }

        @Test func afterADowntimeOnlyTheOverdueAndTheLatestReminderFire() {
            // Down from before the first warning until 5 h 10 min after the due instant.
            let now = 240 * Self.minute + 310 * Self.minute
            let step = Self.fourHours.fire(at: now, progress: .fresh)
            #expect(
                step.firings == [
                    ClockFiring(event: .overdue, instant: 240 * Self.minute),
                    ClockFiring(event: .reminder(5), instant: 540 * Self.minute),
                ])
            #expect(step.progress.warningsHandled == 2)
            #expect(step.progress.warningsSent == 0)
            #expect(step.progress.remindersSent == 1)
            #expect(
                Self.fourHours.next(after: step.progress)
                    == ClockFiring(event: .reminder(6), instant: 600 * Self.minute))
        }

        @Test func ofTwoWarningsDueAtOnceOnlyTheLaterFires() {
            let step = Self.fourHours.fire(at: 200 * Self.minute, progress: .fresh)
            #expect(step.firings == [ClockFiring(event: .warning(2), instant: 192 * Self.minute)])
            #expect(Self.fourHours.next(after: step.progress)?.event == .overdue)
        }

        @Test func reminderLimitEndsTheSchedule() {
            let limited = ClockSchedule(
                start: 0, due: Self.minute, warnings: [], reminders: ReminderRule(everyMinutes: 1, limit: 2))
            var progress = limited.fire(at: Self.minute, progress: .fresh).progress
            progress = limited.fire(at: 2 * Self.minute, progress: progress).progress
            #expect(limited.next(after: progress) == ClockFiring(event: .reminder(2), instant: 3 * Self.minute))
            let late = limited.fire(at: 100 * Self.minute, progress: progress)
            #expect(late.firings.map(\.event) == [.reminder(2)])
            #expect(limited.next(after: late.progress) == nil)
            #expect(limited.fire(at: 1_000 * Self.minute, progress: late.progress).firings.isEmpty)
        }

        @Test func withoutRemindersTheOverdueIsTheLastEvent() {
            let clock = ClockSchedule(start: 0, due: 10, warnings: [], reminders: nil)
            let step = clock.fire(at: 10, progress: .fresh)
            #expect(step.firings.map(\.event) == [.overdue])
            #expect(clock.next(after: step.progress) == nil)
        }

        @Test(arguments: [
            (ClockEvent.warning(1), 0, "O1/handling/1/warning/1"),
            (.overdue, 0, "O1/handling/1/overdue"),
            (.reminder(3), 0, "O1/handling/1/reminder/3"),
            (.overdue, 2, "O1/handling/1/ext2/overdue"),
        ])
        func eventIDsAreDeterministic(event: ClockEvent, revision: Int, id: String) {
            #expect(event.id(clockID: "O1/handling/1", revision: revision) == id)
            #expect(ClockEvent(name: event.name, number: event.number) == event)
        }
    }
}
