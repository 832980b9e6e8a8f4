import Testing

/// The parent of every deadline-policy suite, so that `swift test --filter Deadlines` selects them all.
@Suite("Deadlines")
enum DeadlinesTests {}
