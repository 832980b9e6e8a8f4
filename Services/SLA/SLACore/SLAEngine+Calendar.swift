public import Domain
import Foundation
import GRDB
import Logging
import Outbox

// Loading a holiday notice at run time (`sla.load_calendar`, `subanctl calendar load`): validated
// first, so that a bad file changes nothing; then stored, the calendar rebuilt, and every open
// deadline the year can move recomputed, all in one transaction.

extension SLAEngine {
    /// What loading a year did.
    public struct CalendarLoad: Sendable, Hashable {
        /// The year loaded.
        public var year: Int
        /// Open clocks whose deadline moved.
        public var recomputed: Int
        /// Open clocks that are no longer provisional (their deadline may or may not have moved).
        public var confirmed: Int
    }

    /// A year of the calendar in force, and when an administrator loaded it (`nil`: shipped).
    public struct CalendarYearInForce: Sendable {
        public var year: HolidayYear
        public var loadedAt: Int64?
    }

    /// The holiday years deadlines are counted with now, oldest first: the shipped ones and those
    /// loaded in their place or after them.
    public func calendarInForce() async throws -> [CalendarYearInForce] {
        let loadTimes = try await database.read { db in try ClockStore.loadTimes(db) }
        return calendar.holidayYears.values.sorted { $0.year < $1.year }.map { year in
            CalendarYearInForce(year: year, loadedAt: loadTimes[year.year])
        }
    }

    /// Validates one holiday year (the JSON of docs/calendar.md), stores it in place of any
    /// shipped or loaded copy of that year, and recomputes the open clocks it affects.
    public func loadCalendar(jsonBytes: [UInt8], now: Int64) async throws -> CalendarLoad {
        let json = Data(jsonBytes)
        let year: HolidayYear
        do {
            year = try HolidayYear.decode(jsonBytes: json)
        } catch {
            throw SLAError(
                .invalidArgument, "the holiday file is not valid: \(error.message)",
                field: error.field.map { "json.\($0)" } ?? "json")
        }
        let previous = calendar
        do {
            let load = try await write { db in
                try ClockStore.storeYear(year.year, json: json, at: now, db)
                let calendar = WorkingDayCalendar(years: ShippedHolidayYears.all + (try ClockStore.loadedYears(db)))
                let (load, entries) = try self.recompute(year: year.year, on: calendar, at: now, db)
                // Set inside the transaction: writes are serialized, so the next clock started is
                // computed on the new calendar. Put back below if the commit fails.
                self.setCalendar(calendar)
                return (load, entries)
            }
            if load.recomputed + load.confirmed > 0 { outbox.ring() }  // the recomputation events, for the orders' logs
            return load
        } catch {
            setCalendar(previous)
            throw error
        }
    }

    private func recompute(year: Int, on calendar: WorkingDayCalendar, at now: Int64, _ db: Database) throws -> (
        CalendarLoad, [TimerEntry]
    ) {
        // A deadline ending before the year starts never looked at it (days are counted forward),
        // so only deadlines ending after 1 January of the year can move.
        // A loaded year is always a date's year; were it not, recomputing every clock is the safe side.
        let yearStart = (LocalDate(year: year, month: 1, day: 1) ?? .earliest).startInstant.unixMilliseconds
        var load = CalendarLoad(year: year, recomputed: 0, confirmed: 0)
        var entries: [TimerEntry] = []
        for var clock in try ClockStore.recomputable(endingAfter: yearStart, db, policies: catalog)
        where clock.dueRule.dependsOnCalendar {
            let deadline: Deadline?
            do {
                deadline = try clock.dueRule.deadline(from: Date(unixMilliseconds: clock.start), calendar: calendar)
            } catch {
                logger.warning(
                    "sla.calendar.recompute_failed", metadata: ["clock.id": "\(clock.id)", "error": "\(error)"])
                continue
            }
            guard let deadline else { continue }
            let due = deadline.instant.unixMilliseconds
            guard due != clock.due || deadline.isProvisional != clock.provisional else { continue }
            if due != clock.due { load.recomputed += 1 }
            if clock.provisional, !deadline.isProvisional { load.confirmed += 1 }
            let previousDue = clock.due
            clock.due = due
            clock.originalDue = due
            clock.provisional = deadline.isProvisional
            clock.nextFire = clock.schedule.next(after: clock.progress)?.instant
            try ClockStore.updateDeadline(clock, db)
            // Moved or confirmed: the order's log and an action item's case hear of it either way.
            try ClockStore.insertRecomputation(of: clock, from: previousDue, at: now, db)
            if let entry = clock.heapEntry { entries.append(entry) }
        }
        logger.info(
            "sla.calendar.loaded",
            metadata: [
                "calendar.year": "\(year)", "clocks.moved": "\(load.recomputed)",
                "clocks.confirmed": "\(load.confirmed)",
            ]
        )
        return (load, entries)
    }
}
