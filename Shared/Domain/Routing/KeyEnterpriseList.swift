/// The key enterprises of the 万人助万企 campaign (99 in the notice): their orders skip the intermediate steps and
/// go straight to the enterprise-help liaison.
///
/// The list itself is not public, so none is shipped: the administrator imports it as CSV (``parseCSV(_:)``).
public struct KeyEnterpriseList: Sendable, Hashable {
    /// One key enterprise; the credit code identifies it, the name is matched exactly as a fallback.
    public struct Enterprise: Sendable, Hashable, Codable {
        public var name: String
        /// The 18-character unified social credit code (统一社会信用代码), upper case.
        public var creditCode: String

        public init(name: String, creditCode: String) {
            self.name = name
            self.creditCode = creditCode
        }

        enum CodingKeys: String, CodingKey {
            case name
            case creditCode = "credit_code"
        }
    }

    /// How an order's enterprise was recognised.
    public enum Match: Sendable, Hashable {
        case creditCode(Enterprise)
        case name(Enterprise)

        public var enterprise: Enterprise {
            switch self {
            case .creditCode(let enterprise), .name(let enterprise): enterprise
            }
        }
    }

    /// The enterprises in the order they were imported.
    public private(set) var enterprises: [Enterprise]

    /// A list of enterprises that were validated when they were imported (``parseCSV(_:)`` does that).
    public init(_ enterprises: [Enterprise] = []) {
        self.enterprises = enterprises
    }

    /// The key enterprise an order concerns, by credit code first (trimmed, case-insensitive), then by exact
    /// name (trimmed); `nil` when it is none of them.
    public func match(name: String?, creditCode: String?) -> Match? {
        let code = creditCode.map(Self.normalizedCode) ?? ""
        if !code.isEmpty, let enterprise = enterprises.first(where: { $0.creditCode == code }) {
            return .creditCode(enterprise)
        }
        let trimmedName = name.map(Self.trimmed) ?? ""
        if !trimmedName.isEmpty, let enterprise = enterprises.first(where: { $0.name == trimmedName }) {
            return .name(enterprise)
        }
        return nil
    }

    /// Adds `imported` to the list; an enterprise whose credit code is already listed takes the new name.
    public mutating func add(_ imported: [Enterprise]) {
        for enterprise in imported {
            if let index = enterprises.firstIndex(where: { $0.creditCode == enterprise.creditCode }) {
                enterprises[index].name = enterprise.name
            } else {
                enterprises.append(enterprise)
            }
        }
    }

    static func normalizedCode(_ text: String) -> String {
        trimmed(text).uppercased()
    }

    static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
