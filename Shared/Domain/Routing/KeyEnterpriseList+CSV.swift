// The CSV form of the key-enterprise list, as the administrator exports it from a spreadsheet:
//
//   name,credit_code
//   三门峡某某实业有限公司,91411200MA44XXXXXX
//
// UTF-8 (a leading byte-order mark is skipped), LF or CRLF line breaks, fields quoted when they contain a comma.
// Blank lines are skipped. Every row is checked, and every bad row is reported with its line, so that the
// administrator can fix the file in one pass; a file with any bad row imports nothing.

extension KeyEnterpriseList {
    /// Why a CSV file was refused; nothing of it is imported.
    public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
        /// One error per problem, the field naming the line and column: `csv.line[3].credit_code`. At most
        /// ``KeyEnterpriseList/maximumReportedErrors`` are listed; the last one then says how many more there are.
        public var fieldErrors: [FieldError]

        public init(fieldErrors: [FieldError]) {
            self.fieldErrors = fieldErrors
        }

        public var description: String {
            "key-enterprise CSV refused: " + fieldErrors.map(\.description).joined(separator: "; ")
        }
    }

    /// The header the file must start with.
    public static let csvHeader = ["name", "credit_code"]
    /// The longest enterprise name accepted.
    public static let maximumNameLength = 200
    /// How many problems an `ImportError` lists before it only counts the rest.
    public static let maximumReportedErrors = 50

    /// Reads and validates a CSV file: the header `name,credit_code`, then one enterprise a row with a non-blank
    /// name and a valid credit code (GB 32100 check character), no credit code twice.
    public static func parseCSV(_ bytes: some Collection<UInt8>) throws(ImportError) -> [Enterprise] {
        guard let text = CSVReader.text(utf8: bytes) else {
            throw ImportError(fieldErrors: [
                FieldError(field: "csv", code: RoutingFieldCode.malformedCSV, message: "the file is not UTF-8 text")
            ])
        }
        let records: [CSVReader.Record]
        do throws(CSVReader.SyntaxError) {
            records = try CSVReader.records(in: text).filter { !$0.isBlank }
        } catch {
            throw ImportError(fieldErrors: [
                FieldError(
                    field: "csv.line[\(error.line)]", code: RoutingFieldCode.malformedCSV,
                    message: "\(error)"
                )
            ])
        }
        guard let header = records.first, header.fields.map({ trimmed($0).lowercased() }) == csvHeader else {
            throw ImportError(fieldErrors: [
                FieldError(
                    field: "csv.line[\(records.first?.line ?? 1)]", code: RoutingFieldCode.malformedCSV,
                    message: "the first line must be the header \(csvHeader.joined(separator: ","))"
                )
            ])
        }

        var enterprises: [Enterprise] = []
        var errors: [FieldError] = []
        var lineOfCode: [String: Int] = [:]
        for record in records.dropFirst() {
            let rowErrors = problems(of: record, lineOfCode: lineOfCode)
            if rowErrors.isEmpty {
                let enterprise = Enterprise(
                    name: trimmed(record.fields[0]), creditCode: normalizedCode(record.fields[1]))
                lineOfCode[enterprise.creditCode] = record.line
                enterprises.append(enterprise)
            }
            errors += rowErrors
        }
        guard errors.isEmpty else {
            throw ImportError(fieldErrors: capped(errors))
        }
        return enterprises
    }

    private static func problems(of record: CSVReader.Record, lineOfCode: [String: Int]) -> [FieldError] {
        let line = record.line
        guard record.fields.count == csvHeader.count else {
            return [
                FieldError(
                    field: "csv.line[\(line)]", code: RoutingFieldCode.malformedCSV,
                    message: "line \(line): expected 2 fields (name,credit_code), found \(record.fields.count)"
                )
            ]
        }
        var errors: [FieldError] = []
        let name = trimmed(record.fields[0])
        let nameField = "csv.line[\(line)].name"
        if name.isEmpty {
            errors.append(FieldError(field: nameField, code: .required, message: "line \(line): the name is blank"))
        } else if name.count > maximumNameLength {
            errors.append(
                FieldError(
                    field: nameField, code: .tooLong,
                    message: "line \(line): the name exceeds \(maximumNameLength) characters")
            )
        } else if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors.append(
                FieldError(
                    field: nameField, code: RoutingFieldCode.malformedCSV,
                    message: "line \(line): the name contains a control character")
            )
        }
        let code = normalizedCode(record.fields[1])
        let codeField = "csv.line[\(line)].credit_code"
        if code.isEmpty {
            errors.append(
                FieldError(field: codeField, code: .required, message: "line \(line): the credit code is blank"))
        } else if code.count != 18 {
            errors.append(
                FieldError(
                    field: codeField, code: .invalidCreditCode, message: "line \(line): a credit code has 18 characters"
                )
            )
        } else if !UnifiedSocialCreditCode.isValid(code) {
            errors.append(
                FieldError(
                    field: codeField, code: .invalidCreditCode,
                    message: "line \(line): the credit code's check character does not match (GB 32100)"
                )
            )
        } else if let first = lineOfCode[code] {
            errors.append(
                FieldError(
                    field: codeField, code: RoutingFieldCode.duplicate,
                    message: "line \(line): the credit code is already on line \(first)"
                )
            )
        }
        return errors
    }

    private static func capped(_ errors: [FieldError]) -> [FieldError] {
        guard errors.count > maximumReportedErrors else { return errors }
        let more = errors.count - (maximumReportedErrors - 1)
        return Array(errors.prefix(maximumReportedErrors - 1)) + [
            FieldError(field: "csv", code: RoutingFieldCode.malformedCSV, message: "and \(more) more problems")
        ]
    }
}
