public import Foundation

/// One cell of a sheet: its value and, implicitly, how it is displayed.
///
/// Text is kept exactly (Chinese, emoji, line breaks), except for the control characters that
/// XML 1.0 cannot carry (everything below U+0020 but tab, line feed and carriage return, and
/// U+FFFE/U+FFFF), which are dropped. Text longer than Excel's limit of 32,767 characters
/// (counted in UTF-16 units, as Excel does) makes writing fail with `textTooLong` rather than
/// being cut silently; shorten it before if a cut is acceptable.
public enum Cell: Sendable, Equatable {
    /// Plain text.
    case text(String)
    /// Text in a bold font, for header rows.
    case bold(String)
    /// A number displayed with `format`. NaN and infinities cannot be stored (`invalidNumber`).
    case number(Double, format: NumberFormat = .general)
    /// A whole number. Excel keeps numbers as doubles, so magnitudes above 2^53 lose precision.
    case integer(Int)
    /// A fraction displayed as a percentage with one decimal: 0.953 shows as 95.3%.
    case percent(Double)
    /// A calendar day, displayed as yyyy-mm-dd. It must exist and lie in 1900-03-01...9999-12-31
    /// (before March 1900 Excel's serial numbers are off by its fictitious 29 February 1900).
    case date(year: Int, month: Int, day: Int)
    /// An instant, displayed as yyyy-mm-dd hh:mm in Asia/Shanghai time (UTC+8, no daylight
    /// saving), since Excel cells have no time zone.
    case dateTime(Date)
    /// No value; nothing is written for it, so it only holds a column position.
    case empty
}
