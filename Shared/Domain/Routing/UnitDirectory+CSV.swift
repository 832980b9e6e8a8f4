import Foundation

// The CSV form of the directory, as an administrator keeps it in a spreadsheet (docs/routing.md):
//
//   code,name,level,topics,active
//   office,办公室,desk,business_environment;mediation_arbitration;other,true
//   employment_office,就业办,unit,employment,true
//
// One unit a row, in directory order. Topics are separated by `;` (empty for none); `active` is `true` or
// `false` (empty means true). UTF-8 (a leading byte-order mark is skipped), LF or CRLF, blank lines skipped.
// Every bad row is reported with its line; a file with any bad row gives no directory.

extension UnitDirectory {
    /// The header the file must start with.
    public static let csvHeader = ["code", "name", "level", "topics", "active"]

    /// Reads and validates a directory from CSV; every problem is thrown at once, fields named
    /// `csv.line[N].column`, or `units[i].…` for a problem of the whole (two desks, a code twice).
    public static func decode(csvBytes bytes: some Collection<UInt8>) throws(UpdateError) -> UnitDirectory {
        func refused(_ field: String, _ message: String) -> UpdateError {
            UpdateError(fieldErrors: [FieldError(field: field, code: RoutingFieldCode.malformedCSV, message: message)])
        }
        guard let text = CSVReader.text(utf8: bytes) else { throw refused("csv", "the file is not UTF-8 text") }
        let records: [CSVReader.Record]
        do throws(CSVReader.SyntaxError) {
            records = try CSVReader.records(in: text).filter { !$0.isBlank }
        } catch {
            throw refused("csv.line[\(error.line)]", "\(error)")
        }
        guard let header = records.first, header.fields.map({ KeyEnterpriseList.trimmed($0).lowercased() }) == csvHeader
        else {
            throw refused(
                "csv.line[\(records.first?.line ?? 1)]",
                "the first line must be the header \(csvHeader.joined(separator: ","))")
        }
        var units: [BureauUnit] = []
        var errors: [FieldError] = []
        for record in records.dropFirst() {
            switch unit(of: record) {
            case .success(let unit): units.append(unit)
            case .failure(let rowErrors): errors += rowErrors.fieldErrors
            }
        }
        guard errors.isEmpty else { throw UpdateError(fieldErrors: errors) }
        do throws(FieldError) {
            return try UnitDirectory(units: units)
        } catch {
            throw UpdateError(fieldErrors: [error])
        }
    }

    /// The directory as CSV, in the form ``decode(csvBytes:)`` reads.
    public func csvText() -> String {
        var lines = [Self.csvHeader.joined(separator: ",")]
        for unit in units {
            let fields = [
                unit.code, unit.name, unit.level.rawValue, unit.topics.map(\.rawValue).joined(separator: ";"),
                "\(unit.active)",
            ]
            lines.append(fields.map(Self.quotedIfNeeded).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func unit(of record: CSVReader.Record) -> Result<BureauUnit, UpdateError> {
        let line = record.line
        guard record.fields.count == csvHeader.count else {
            return .failure(
                UpdateError(fieldErrors: [
                    FieldError(
                        field: "csv.line[\(line)]", code: RoutingFieldCode.malformedCSV,
                        message:
                            "line \(line): expected \(csvHeader.count) fields (\(csvHeader.joined(separator: ","))), found \(record.fields.count)"
                    )
                ]))
        }
        let field = record.fields.map(KeyEnterpriseList.trimmed)
        var errors: [FieldError] = []
        func problem(_ column: String, _ code: FieldError.Code, _ message: String) {
            errors.append(
                FieldError(field: "csv.line[\(line)].\(column)", code: code, message: "line \(line): \(message)"))
        }
        let level = BureauUnit.Level(rawValue: field[2])
        if level == nil {
            problem(
                "level", RoutingFieldCode.unknownValue,
                "unknown level \"\(field[2])\"; expected desk, unit or enterprise_help")
        }
        var topics: [WorkOrder.Topic] = []
        for text in field[3].split(separator: ";").map({ KeyEnterpriseList.trimmed(String($0)) }) where !text.isEmpty {
            if let topic = WorkOrder.Topic(rawValue: text) {
                topics.append(topic)
            } else {
                problem("topics", RoutingFieldCode.unknownValue, "unknown topic \"\(text)\"")
            }
        }
        let active: Bool? =
            switch field[4].lowercased() {
            case "", "true": true
            case "false": false
            default: nil
            }
        if active == nil {
            problem("active", RoutingFieldCode.unknownValue, "active is true or false, not \"\(field[4])\"")
        }
        guard let level, let active, errors.isEmpty else { return .failure(UpdateError(fieldErrors: errors)) }
        let unit = BureauUnit(code: field[0], name: field[1], level: level, topics: topics, active: active)
        let unitErrors = unit.validate().map {
            FieldError(field: "csv.line[\(line)].\($0.field)", code: $0.code, message: "line \(line): \($0.message)")
        }
        return unitErrors.isEmpty ? .success(unit) : .failure(UpdateError(fieldErrors: unitErrors))
    }

    private static func quotedIfNeeded(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
