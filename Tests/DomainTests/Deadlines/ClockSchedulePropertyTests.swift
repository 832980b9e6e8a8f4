import Domain
import PropertyBased
import Testing

extension DeadlinesTests {
    /// Whatever the instants (seconds apart) the scheduler happens to wake at, a clock fires each event at most
    /// once, in time order, never early, and always its overdue event once due.
    @Suite("Clock schedule properties")
    struct ClockSchedulePropertyTests {
        @Test func anyWakeUpsFireEachEventOnceInOrderNeverEarly() async {
            await propertyCheck(
                count: 300,
                input: Gen.int(in: 1...10_000),
                Gen.int(in: 1...99),
                Gen.int(in: 1...3_000).array(of: 1...40)
            ) { span, percent, steps in
                let schedule = ClockSchedule(
                    start: 1_000,
                    due: 1_000 + Int64(span) * 1_000,
                    warnings: [.fractionOfSpan(Double(percent) / 100), .minutesBefore(1)],
                    reminders: ReminderRule(everyMinutes: 1, limit: 50)
                )
                var progress = ClockProgress.fresh
                var now: Int64 = 1_000
                var seen = Set<String>()
                var lastInstant: Int64 = .min
                for step in steps {
                    now += Int64(step) * 1_000
                    let result = schedule.fire(at: now, progress: progress)
                    for firing in result.firings {
                        #expect(firing.instant <= now)
                        #expect(firing.instant > lastInstant)
                        #expect(seen.insert(firing.event.id(clockID: "c")).inserted)
                        lastInstant = firing.instant
                    }
                    progress = result.progress
                    if let next = schedule.next(after: progress) {
                        #expect(next.instant > now)
                    }
                }
                #expect(seen.contains("c/overdue") == (now >= schedule.due))
                #expect(progress.overdueSent == (now >= schedule.due))
            }
        }
    }
}
