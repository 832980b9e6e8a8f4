// The rules every holiday year obeys, whether it was shipped or loaded by an administrator. They
// catch the slips a person makes when typing a notice: a date from the wrong year, a working day
// that is really a weekday (so the notice was misread), the same date twice or on both lists.

extension HolidayYear {
    /// Why a holiday year was rejected: a code, the offending field (a JSON path such as
    /// `workingWeekendDays[1].date`) and date when there is one, and a message for people.
    public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The kind of failure. Opaque so that new rules can be added without breaking callers.
        public struct Code: Sendable, Hashable, CustomStringConvertible {
            private enum Wrapped: String, Sendable, Hashable {
                case malformedJSON, unknownField, invalidYear, emptyNotice, dateOutsideYear
                case duplicateDate, dateBothOffAndWorking, workingDayNotOnWeekend
            }

            private let wrapped: Wrapped
            private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

            /// The bytes are not JSON of the documented shape (missing field, wrong type, bad date).
            public static let malformedJSON = Code(.malformedJSON)
            /// An object has a field the format does not define (usually a misspelt one).
            public static let unknownField = Code(.unknownField)
            /// The year is outside `HolidayYear.supportedYears`.
            public static let invalidYear = Code(.invalidYear)
            /// The notice number is empty.
            public static let emptyNotice = Code(.emptyNotice)
            /// A date lies outside the year.
            public static let dateOutsideYear = Code(.dateOutsideYear)
            /// A date appears twice in the same list.
            public static let duplicateDate = Code(.duplicateDate)
            /// A date is both a day off and a working day.
            public static let dateBothOffAndWorking = Code(.dateBothOffAndWorking)
            /// A declared working day is a Monday to Friday, which is a working day anyway.
            public static let workingDayNotOnWeekend = Code(.workingDayNotOnWeekend)

            public var description: String { wrapped.rawValue }
        }

        /// What went wrong.
        public let code: Code
        /// The offending field as a JSON path, e.g. `daysOff[3].date`.
        public let field: String?
        /// The offending date, when the failure is about one.
        public let date: LocalDate?
        /// A sentence for the administrator.
        public let message: String

        /// Creates an error.
        public init(code: Code, field: String?, date: LocalDate? = nil, message: String) {
            self.code = code
            self.field = field
            self.date = date
            self.message = message
        }

        public var description: String {
            "HolidayYear.ValidationError(\(code)" + (field.map { ", field: \($0)" } ?? "")
                + (date.map { ", date: \($0)" } ?? "") + "): \(message)"
        }
    }

    /// Throws the first rule that the parts break, in the order in which the JSON lists them.
    static func validate(year: Int, notice: String, daysOff: [Day], workingWeekendDays: [Day]) throws(ValidationError) {
        guard supportedYears.contains(year) else {
            throw ValidationError(
                code: .invalidYear,
                field: "year",
                message: "year \(year) is outside \(supportedYears.lowerBound)...\(supportedYears.upperBound)"
            )
        }
        guard notice.contains(where: { !$0.isWhitespace }) else {
            throw ValidationError(code: .emptyNotice, field: "notice", message: "the notice number is empty")
        }

        var offDates = Set<LocalDate>()
        for (index, day) in daysOff.enumerated() {
            let field = "daysOff[\(index)].date"
            try checkInYear(day.date, year: year, field: field)
            guard offDates.insert(day.date).inserted else {
                throw ValidationError(
                    code: .duplicateDate,
                    field: field,
                    date: day.date,
                    message: "\(day.date) is listed twice as a day off"
                )
            }
        }

        var workingDates = Set<LocalDate>()
        for (index, day) in workingWeekendDays.enumerated() {
            let field = "workingWeekendDays[\(index)].date"
            try checkInYear(day.date, year: year, field: field)
            guard day.date.isWeekend else {
                throw ValidationError(
                    code: .workingDayNotOnWeekend,
                    field: field,
                    date: day.date,
                    message: "\(day.date) is a \(day.date.weekday), not a Saturday or Sunday"
                )
            }
            guard workingDates.insert(day.date).inserted else {
                throw ValidationError(
                    code: .duplicateDate,
                    field: field,
                    date: day.date,
                    message: "\(day.date) is listed twice as a working day"
                )
            }
            guard !offDates.contains(day.date) else {
                throw ValidationError(
                    code: .dateBothOffAndWorking,
                    field: field,
                    date: day.date,
                    message: "\(day.date) is listed both as a day off and as a working day"
                )
            }
        }
    }

    private static func checkInYear(_ date: LocalDate, year: Int, field: String) throws(ValidationError) {
        guard date.year == year else {
            throw ValidationError(
                code: .dateOutsideYear,
                field: field,
                date: date,
                message: "\(date) is not in \(year)"
            )
        }
    }
}
