extension WorkingDayCalendar {
    /// The calendar of the notices compiled into Suban (`ShippedHolidayYears`), for the offline CLI
    /// and as the starting point that an administrator's files extend or replace.
    public static let shipped = WorkingDayCalendar(years: ShippedHolidayYears.all)
}
