extension WorkOrder {
    /// The person who called the hotline. Everything here is personal data: render it with ``masked`` (or through
    /// `description`, which masks) wherever it leaves the order, in logs and exports alike.
    public struct Caller: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible {
        /// The caller's name; may be empty for anonymous calls.
        public var name: String
        /// Mainland mobile (`1[3-9]` + 9 digits) or landline (`0` + area code, optional `-`, 7–8 digits).
        public var phone: String
        /// Resident identity number (GB 11643, 18 characters), when the caller gave it.
        public var idNumber: String?

        public init(name: String, phone: String, idNumber: String? = nil) {
            self.name = name
            self.phone = phone
            self.idNumber = idNumber
        }

        /// A copy safe to print: name keeps its first character, phone its first 3 and last 4 characters
        /// (`138****5678`), ID number its first 6 and last 4.
        public var masked: Caller {
            Caller(
                name: Self.mask(name: name), phone: Self.mask(phone: phone),
                idNumber: idNumber.map(Self.mask(idNumber:)))
        }

        // Printing a caller must never leak personal data, so both renderings are masked.
        public var description: String {
            let masked = self.masked
            return "Caller(name: \(masked.name), phone: \(masked.phone), idNumber: \(masked.idNumber ?? "-"))"
        }

        public var debugDescription: String { description }

        /// `张三丰` → `张**`: the first character stays, every other character becomes `*`.
        public static func mask(name: String) -> String {
            guard let first = name.first else { return "" }
            return String(first) + String(repeating: "*", count: name.count - 1)
        }

        /// `13812345678` → `138****5678`. Shorter than 8 characters, nothing is left readable.
        public static func mask(phone: String) -> String {
            keep(first: 3, last: 4, of: phone)
        }

        /// `11010519491231002X` → `110105********002X`.
        public static func mask(idNumber: String) -> String {
            keep(first: 6, last: 4, of: idNumber)
        }

        private static func keep(first: Int, last: Int, of value: String) -> String {
            let characters = Array(value)
            // Too short to keep both ends and still hide something: hide it all.
            guard characters.count > first + last else { return String(repeating: "*", count: characters.count) }
            let hidden = characters.count - first - last
            return String(characters.prefix(first)) + String(repeating: "*", count: hidden)
                + String(characters.suffix(last))
        }
    }
}
