public import Domain

/// Facts of one kind (and label) of one unit on one local day, summed: what a store hands the
/// report builder instead of the facts themselves, so that a month of a million orders is a few
/// thousand rows.
public struct FactTally: Sendable, Hashable, Codable {
    public var day: LocalDate
    public var unit: String
    public var kind: OrderFact.Kind
    /// The fact's label for callbacks and reopenings; empty for every other kind.
    public var label: String
    public var count: Int
    public var value: Double
    public var amount: Double

    public init(
        day: LocalDate, unit: String, kind: OrderFact.Kind, label: String, count: Int, value: Double, amount: Double
    ) {
        self.day = day
        self.unit = unit
        self.kind = kind
        self.label = label
        self.count = count
        self.value = value
        self.amount = amount
    }

    /// The kinds whose label is kept in tallies; other labels are dropped (keyword facts are not
    /// tallied at all: hot spots count them).
    public static let labelledKinds: Set<OrderFact.Kind> = [.callback, .reopened]
}
