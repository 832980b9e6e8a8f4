/// A1-style cell references: columns are named in bijective base 26 (A…Z, AA…AZ, BA…, up to XFD),
/// rows are numbered from 1.
enum CellReference {
    /// The letters of the column at zero-based `index`: 0 is "A", 26 is "AA".
    static func columnName(_ index: Int) -> String {
        precondition(index >= 0, "column indices start at 0")
        var letters: [UInt8] = []
        var remaining = index + 1
        while remaining > 0 {
            // Bijective base 26 has no zero digit, hence the -1 before each division.
            remaining -= 1
            letters.append(UInt8(ascii: "A") + UInt8(remaining % 26))
            remaining /= 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The reference of the cell at zero-based `row` and `column`: (9, 26) is "AA10".
    static func name(row: Int, column: Int) -> String {
        "\(columnName(column))\(row + 1)"
    }
}
