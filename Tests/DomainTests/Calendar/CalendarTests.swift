import Testing

/// The parent of every calendar suite, so that `swift test --filter Calendar` selects them all.
@Suite("Calendar")
enum CalendarTests {}
