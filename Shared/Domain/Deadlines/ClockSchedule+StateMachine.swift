// What a clock fires, and when: a pure function of its schedule, its progress and the time. The
// SLA scheduler asks `next(after:)` for the instant to sleep until and `fire(at:progress:)` what
// to write when it wakes; tests ask the same questions with plain numbers.
//
// Catching up: when several events of a clock fell due at once (the service was down, or the
// clock was started late), only what still means something fires. Warnings are skipped once the
// clock is overdue; of several warnings due, only the latest fires; of several reminders due,
// only the latest fires, under its own number. So a restart after a week reports "overdue,
// reminder 7" rather than seven reminders in one second, and every event keeps the id its
// instant gives it.

extension ClockSchedule {
    /// The result of firing: the events to record, in order, and the progress to store with them.
    public struct Step: Sendable, Hashable {
        /// The events to record, in the order they are due.
        public let firings: [ClockFiring]
        /// The clock's progress after them.
        public let progress: ClockProgress
    }

    /// The next event the clock will fire and its instant, or `nil` when nothing is left (no
    /// reminders, or the reminder limit reached).
    public func next(after progress: ClockProgress) -> ClockFiring? {
        if !progress.overdueSent {
            if progress.warningsHandled < warnings.count {
                return ClockFiring(
                    event: .warning(progress.warningsHandled + 1), instant: warnings[progress.warningsHandled])
            }
            return ClockFiring(event: .overdue, instant: due)
        }
        guard let reminders else { return nil }
        let number = progress.remindersHandled + 1
        if let limit = reminders.limit, number > limit { return nil }
        return ClockFiring(event: .reminder(number), instant: due + Int64(number) * reminders.intervalMilliseconds)
    }

    /// Fires everything due at `now` (instants ≤ now) that `progress` has not dealt with.
    public func fire(at now: Int64, progress: ClockProgress) -> Step {
        var progress = progress
        var firings: [ClockFiring] = []
        if !progress.overdueSent {
            if now >= due {
                progress.warningsHandled = warnings.count
                progress.overdueSent = true
                firings.append(ClockFiring(event: .overdue, instant: due))
            } else {
                let dueWarnings = warnings.partitioningIndex { $0 > now }
                if dueWarnings > progress.warningsHandled {
                    progress.warningsHandled = dueWarnings
                    progress.warningsSent += 1
                    firings.append(ClockFiring(event: .warning(dueWarnings), instant: warnings[dueWarnings - 1]))
                }
                return Step(firings: firings, progress: progress)
            }
        }
        if let reminders, now > due {
            let interval = reminders.intervalMilliseconds
            var latest = Int((now - due) / interval)
            if let limit = reminders.limit { latest = min(latest, limit) }
            if latest > progress.remindersHandled {
                progress.remindersHandled = latest
                progress.remindersSent += 1
                firings.append(ClockFiring(event: .reminder(latest), instant: due + Int64(latest) * interval))
            }
        }
        return Step(firings: firings, progress: progress)
    }
}

extension Array where Element == Int64 {
    /// The index of the first element for which `belongs` holds, in a sorted array where it holds
    /// for a suffix.
    fileprivate func partitioningIndex(where belongs: (Int64) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
