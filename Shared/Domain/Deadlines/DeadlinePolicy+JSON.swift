// The JSON form of one policy (documented in Services/SLA/README.md):
//
//   { "name": "acknowledge.urgent", "kind": "acknowledge", "match": { "urgency": ["urgent"] },
//     "due": { "minutes": 30 }, "warnings": [ { "fractionOfSpan": 0.8 } ],
//     "reminders": { "everyMinutes": 15 } }
//
// Values are range-checked while decoding, so that an error names the exact field.

extension DeadlinePolicy: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, kind, match, due, warnings, reminders
    }

    /// Decodes one policy object; a bad value throws `DeadlinePolicySet.ValidationError`.
    public init(from decoder: any Decoder) throws {
        try PolicyJSON.rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kindText = try container.decode(String.self, forKey: .kind)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            kind: try PolicyJSON.enumValue(
                kindText,
                ClockKind.self,
                field: StrictJSON.path(container.codingPath + [CodingKeys.kind])
            ),
            match: try container.decodeIfPresent(Match.self, forKey: .match) ?? .any,
            due: try container.decode(DueRule.self, forKey: .due),
            warnings: try container.decodeIfPresent([WarningOffset].self, forKey: .warnings) ?? [],
            reminders: try container.decodeIfPresent(ReminderRule.self, forKey: .reminders)
        )
    }

    /// Encodes the documented object (leaving out an open match, no warnings and no reminders).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind.rawValue, forKey: .kind)
        if match != .any { try container.encode(match, forKey: .match) }
        try container.encode(due, forKey: .due)
        if !warnings.isEmpty { try container.encode(warnings, forKey: .warnings) }
        try container.encodeIfPresent(reminders, forKey: .reminders)
    }
}

extension DeadlinePolicy.Match: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case urgency, orderKind
    }

    /// Decodes `{ "urgency": [...], "orderKind": [...] }`; each list, when present, is non-empty.
    public init(from decoder: any Decoder) throws {
        try PolicyJSON.rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func values<Value: RawRepresentable & CaseIterable & Hashable>(
            _ type: Value.Type,
            _ key: CodingKeys
        ) throws -> Set<Value>? where Value.RawValue == String {
            guard container.contains(key) else { return nil }
            let list = try PolicyJSON.enumValues(Value.self, in: container, forKey: key)
            let field = StrictJSON.path(container.codingPath + [key])
            guard !list.isEmpty else {
                throw DeadlinePolicySet.ValidationError(
                    code: .invalidValue,
                    field: field,
                    message: "\(field) is empty; leave it out to match every value"
                )
            }
            guard Set(list).count == list.count else {
                throw DeadlinePolicySet.ValidationError(
                    code: .invalidValue, field: field, message: "\(field) lists a value twice")
            }
            return Set(list)
        }
        self.init(
            urgency: try values(WorkOrder.Urgency.self, .urgency),
            orderKind: try values(WorkOrder.Kind.self, .orderKind))
    }

    /// Encodes the restricted dimensions, values sorted so that equal matches encode equally.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(urgency.map { $0.map(\.rawValue).sorted() }, forKey: .urgency)
        try container.encodeIfPresent(orderKind.map { $0.map(\.rawValue).sorted() }, forKey: .orderKind)
    }
}

extension DueRule: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case minutes, workingDays, sameDay, months, givenByCaller
    }

    /// Upper bounds that catch typing slips (13 typed as 1300) while allowing any real policy.
    static let maximumMinutes = 525_600  // one year
    static let maximumWorkingDays = 1_000
    static let maximumMonths = 120

    /// Decodes an object with exactly one of `minutes`, `workingDays`, `months` (counts), or
    /// `sameDay`, `givenByCaller` (`true`).
    public init(from decoder: any Decoder) throws {
        let names = CodingKeys.allCases.map(\.rawValue)
        try PolicyJSON.rejectUnknownFields(in: decoder, allowed: names)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            let field = StrictJSON.path(container.codingPath)
            throw DeadlinePolicySet.ValidationError(
                code: .invalidValue,
                field: field,
                message: "\(field) needs exactly one of \(names.joined(separator: ", "))"
            )
        }
        func count(_ range: ClosedRange<Int>) throws -> Int {
            try PolicyJSON.check(container.decode(Int.self, forKey: key), in: range, at: container.codingPath, key)
        }
        func flag() throws {
            guard try container.decode(Bool.self, forKey: key) else {
                let field = StrictJSON.path(container.codingPath + [key])
                throw DeadlinePolicySet.ValidationError(
                    code: .invalidValue, field: field, message: "\(field) must be true")
            }
        }
        switch key {
        case .minutes: self = .minutes(try count(1...Self.maximumMinutes))
        case .workingDays: self = .workingDays(try count(1...Self.maximumWorkingDays))
        case .months: self = .months(try count(1...Self.maximumMonths))
        case .sameDay:
            try flag()
            self = .sameDay
        case .givenByCaller:
            try flag()
            self = .givenByCaller
        }
    }

    /// Encodes the documented one-field object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .minutes(let n): try container.encode(n, forKey: .minutes)
        case .workingDays(let n): try container.encode(n, forKey: .workingDays)
        case .months(let n): try container.encode(n, forKey: .months)
        case .sameDay: try container.encode(true, forKey: .sameDay)
        case .givenByCaller: try container.encode(true, forKey: .givenByCaller)
        }
    }
}

extension WarningOffset: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case fractionOfSpan, minutesBefore
    }

    /// Decodes `{ "fractionOfSpan": 0.8 }` (strictly between 0 and 1) or `{ "minutesBefore": 60 }`.
    public init(from decoder: any Decoder) throws {
        let names = CodingKeys.allCases.map(\.rawValue)
        try PolicyJSON.rejectUnknownFields(in: decoder, allowed: names)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            let field = StrictJSON.path(container.codingPath)
            throw DeadlinePolicySet.ValidationError(
                code: .invalidValue,
                field: field,
                message: "\(field) needs exactly one of \(names.joined(separator: ", "))"
            )
        }
        switch key {
        case .fractionOfSpan:
            let fraction = try container.decode(Double.self, forKey: key)
            guard fraction.isFinite, fraction > 0, fraction < 1 else {
                let field = StrictJSON.path(container.codingPath + [key])
                throw DeadlinePolicySet.ValidationError(
                    code: .invalidValue,
                    field: field,
                    message: "\(field) must lie strictly between 0 and 1, got \(fraction)"
                )
            }
            self = .fractionOfSpan(fraction)
        case .minutesBefore:
            self = .minutesBefore(
                try PolicyJSON.check(
                    container.decode(Int.self, forKey: key),
                    in: 1...DueRule.maximumMinutes,
                    at: container.codingPath,
                    key
                )
            )
        }
    }

    /// Encodes the documented one-field object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .fractionOfSpan(let fraction): try container.encode(fraction, forKey: .fractionOfSpan)
        case .minutesBefore(let minutes): try container.encode(minutes, forKey: .minutesBefore)
        }
    }
}

extension ReminderRule: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case everyMinutes, limit
    }

    /// Decodes `{ "everyMinutes": 1440, "limit": 5 }`; `limit` is optional.
    public init(from decoder: any Decoder) throws {
        try PolicyJSON.rejectUnknownFields(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let every = try PolicyJSON.check(
            container.decode(Int.self, forKey: .everyMinutes),
            in: 1...DueRule.maximumMinutes,
            at: container.codingPath,
            CodingKeys.everyMinutes
        )
        let limit = try container.decodeIfPresent(Int.self, forKey: .limit).map {
            try PolicyJSON.check($0, in: 1...10_000, at: container.codingPath, CodingKeys.limit)
        }
        self.init(everyMinutes: every, limit: limit)
    }

    /// Encodes the documented object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(everyMinutes, forKey: .everyMinutes)
        try container.encodeIfPresent(limit, forKey: .limit)
    }
}
