/// One year of the State Council's holiday notice (国务院办公厅关于…部分节假日安排的通知): the days
/// off and the weekend days that become working days (调休).
///
/// This is data, not code: the shipped years are generated from `Calendar/Data/holidays-YYYY.json`
/// and an administrator can load a newer notice from the same JSON format without a rebuild (see
/// `docs/calendar.md`). Every value of this type has passed `validate`: the only ways to make one
/// are the throwing initializer and the JSON decoder.
public struct HolidayYear: Sendable, Hashable {
    /// One date of the notice with the holiday it belongs to.
    public struct Day: Sendable, Hashable {
        /// The date.
        public let date: LocalDate
        /// The holiday as the notice names it ("春节"), when known. For a make-up working day, the
        /// holiday whose block it pays for.
        public let name: String?

        /// Creates a day of a notice.
        public init(date: LocalDate, name: String? = nil) {
            self.date = date
            self.name = name
        }
    }

    /// Years a notice may cover: from the founding of the PRC, whose first holiday rules date from
    /// 1949, to 2199, which keeps the calendar's precomputed tables small.
    public static let supportedYears = 1949...2199

    /// The calendar year the notice covers.
    public let year: Int
    /// The notice's document number, e.g. "国办发明电〔2024〕12号".
    public let notice: String
    /// The day the notice was issued (usually in the year before), when known.
    public let published: LocalDate?
    /// The statutory days off as published, including weekend days inside a holiday block, sorted
    /// by date. Days of a block that fall in the neighbouring year belong to that year's data.
    public let daysOff: [Day]
    /// The Saturdays and Sundays declared working days (调休上班), sorted by date.
    public let workingWeekendDays: [Day]

    /// Creates a validated year; throws when the dates break a rule (see `ValidationError.Code`).
    public init(
        year: Int,
        notice: String,
        published: LocalDate? = nil,
        daysOff: [Day],
        workingWeekendDays: [Day]
    ) throws(ValidationError) {
        try HolidayYear.validate(year: year, notice: notice, daysOff: daysOff, workingWeekendDays: workingWeekendDays)
        self.init(
            uncheckedYear: year,
            notice: notice,
            published: published,
            daysOff: daysOff,
            workingWeekendDays: workingWeekendDays
        )
    }

    /// For the generated `ShippedHolidayYears`, whose JSON sources a test validates.
    init(uncheckedYear year: Int, notice: String, published: LocalDate?, daysOff: [Day], workingWeekendDays: [Day]) {
        self.year = year
        self.notice = notice
        self.published = published
        // Sorted, so that equal notices compare equal whatever order their file listed them in.
        self.daysOff = daysOff.sorted { $0.date < $1.date }
        self.workingWeekendDays = workingWeekendDays.sorted { $0.date < $1.date }
    }

    /// The entry for `date`, and whether it is a day off (`true`) or a make-up working day
    /// (`false`); `nil` when the notice does not mention the date.
    public func entry(for date: LocalDate) -> (day: Day, isDayOff: Bool)? {
        if let day = daysOff.first(where: { $0.date == date }) { return (day, true) }
        if let day = workingWeekendDays.first(where: { $0.date == date }) { return (day, false) }
        return nil
    }
}
