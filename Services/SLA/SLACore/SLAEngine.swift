public import Domain
public import GRDB
public import Logging
import Outbox
import Synchronization

/// The SLA service's state and rules: clocks in SQLite, the next instant of each in a heap, the
/// working-day calendar (shipped years plus those the administrator loaded) and the policies.
///
/// Every change is a transaction that is committed before the caller hears of it; the heap is
/// updated after the commit and is only a hint (a stale entry is dropped when it comes up). The
/// RPC handlers, the scheduler (`ClockScheduler`) and the outbox sender (`OutboxSender`) share one
/// engine; tests and the benchmark drive it directly with instants of their choosing.
public final class SLAEngine: Sendable {
    /// The service's database.
    public let database: DatabasePool
    /// The policies new clocks are started under.
    public let policies: DeadlinePolicySet
    let catalog: PolicyCatalog
    let queue = TimerQueue()
    /// Rung when events were fired, to wake the outbox sender.
    let outbox = Doorbell()
    let logger: Logger
    private let calendarState: Mutex<WorkingDayCalendar>

    /// At most this many clocks in one answer of `dueClocks`; a larger answer must be narrowed.
    public static let maximumListed = 10_000
    /// The most orders `dueClocks` takes besides a unit's own.
    public static let maximumAlsoOrders = 1_000

    /// WAL pages after which a commit checkpoints (SQLite's default is 1,000). The checkpoint runs
    /// on the writer, so the scheduler waits for it; firing touches clock rows at random, and
    /// writing back 1,000 random pages stalled rounds by up to half a second under load, while
    /// 100 keeps each stall short (docs/PERFORMANCE.md).
    static let walAutocheckpointPages = 100

    /// Opens the engine on a migrated database: records the configured policies, builds the
    /// calendar from the shipped years and the loaded ones, and reads the next instant of every
    /// clock that has one into the heap (clocks already due fire as soon as the scheduler runs).
    public init(database: DatabasePool, policies: DeadlinePolicySet, logger: Logger) throws {
        self.database = database
        self.policies = policies
        self.logger = logger
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.walAutocheckpointPages)")
        }
        let (catalog, loadedYears) = try database.write { db in
            (try PolicyCatalog.load(configured: policies, db), try ClockStore.loadedYears(db))
        }
        self.catalog = catalog
        self.calendarState = Mutex(WorkingDayCalendar(years: ShippedHolidayYears.all + loadedYears))
        let entries = try database.read { db in try ClockStore.nextFirings(db) }
        queue.replaceAll(entries)
        logger.info(
            "sla.engine.loaded",
            metadata: [
                "clocks.scheduled": "\(entries.count)",
                "calendar.loaded_years": "\(loadedYears.map(\.year))",
                "policy.profile": "\(policies.profile)",
            ]
        )
    }

    /// The working-day calendar in force.
    public var calendar: WorkingDayCalendar {
        calendarState.withLock { $0 }
    }

    /// Replaces the calendar; used inside the transaction that stores a loaded year, so that a
    /// clock started right after it is computed on the new calendar.
    func setCalendar(_ calendar: WorkingDayCalendar) {
        calendarState.withLock { $0 = calendar }
    }

    /// The earliest instant the scheduler has to wake for (possibly of a stale entry).
    public var nextInstant: Int64? { queue.earliest }

    /// Entries in the scheduler's heap, stale ones included.
    public var scheduledCount: Int { queue.count }

    /// Runs `body` in a write transaction and schedules the returned heap entries after commit.
    func write<T: Sendable>(
        _ body: @escaping @Sendable (Database) throws -> (T, [TimerEntry])
    ) async throws -> T {
        let (result, entries) = try await database.write(body)
        queue.schedule(entries)
        return result
    }
}
