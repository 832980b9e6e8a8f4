/// How a number cell is displayed. The stored value is always the full number; the format only
/// changes what a person sees, so sums and sorting in Excel stay exact.
public enum NumberFormat: Sendable, Hashable, CaseIterable {
    /// Excel's default: as many digits as fit.
    case general
    /// One decimal place, `0.0`.
    case decimal1
    /// Two decimal places, `0.00`.
    case decimal2
    /// Whole number with thousands separators, `#,##0`.
    case thousands
    /// Money in yuan: thousands separators and two decimals, `#,##0.00` (no currency sign, so
    /// the column stays numeric in every locale).
    case yuan

    /// The Excel format code, as it appears in the number format dialog.
    public var formatCode: String {
        switch self {
        case .general: "General"
        case .decimal1: "0.0"
        case .decimal2: "0.00"
        case .thousands: "#,##0"
        case .yuan: "#,##0.00"
        }
    }
}
