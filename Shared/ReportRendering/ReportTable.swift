public import Domain
public import Foundation

/// One table of a report, with typed cells: the terminal, CSV and the workbook format the same
/// table each in their own way (a rate is 95.3% on screen, 0.953 in CSV, a percent cell in Excel).
public struct ReportTable: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case text(String)
        case integer(Int)
        case number(Double, decimals: Int)
        /// A rate in 0…1; `nil` when there was nothing to measure.
        case percent(Double?)
        case instant(Date)
        case day(LocalDate)
        case empty
    }

    /// A short ASCII name: the CSV selector and the worksheet name.
    public var name: String
    /// Short (it names the worksheet: at most 31 characters).
    public var title: String
    /// What a reader must know about the rows, such as a list cut short.
    public var note: String?
    public var columns: [String]
    public var rows: [[Value]]

    public init(name: String, title: String, columns: [String], rows: [[Value]] = []) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

extension ReportTable.Value {
    /// As people read it.
    public var display: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value, let decimals): Self.fixed(value, decimals)
        case .percent(let rate): rate.map { Self.fixed($0 * 100, 1) + "%" } ?? "—"
        case .instant(let date): String(ShanghaiTime.iso8601(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
        case .day(let day): day.description
        case .empty: ""
        }
    }

    /// As programs read it: plain numbers (rates as fractions), full ISO 8601 instants.
    public var plain: String {
        switch self {
        case .percent(let rate): rate.map { Self.fixed($0, 4) } ?? ""
        case .instant(let date): ShanghaiTime.iso8601(date)
        default: display
        }
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "" }
        let scale = pow(10.0, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        if decimals == 0 { return String(Int(rounded)) }
        let text = String(format: "%.\(decimals)f", rounded)
        return text == "-" + String(format: "%.\(decimals)f", 0.0) ? String(format: "%.\(decimals)f", 0.0) : text
    }
}
