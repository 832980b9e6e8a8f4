/// The paths and names of the 12345 adapter that both sides share (docs/platform-api.md).
public enum PlatformAPI {
    /// Inbound: the platform pushes a new order.
    public static let ordersPath = "/platform/v1/orders"
    /// Inbound: the 12333 line files an order.
    public static let hotline12333OrdersPath = "/hotline12333/v1/orders"
    /// Inbound: the platform shares an article of its knowledge base, or retires one.
    public static let knowledgeArticlesPath = "/platform/v1/knowledge/articles"
    /// Liveness, unauthenticated.
    public static let healthPath = "/health"

    /// Inbound: an event on the order `orderNumber`.
    public static func eventsPath(orderNumber: String) -> String { "\(ordersPath)/\(orderNumber)/events" }

    /// The kinds of event the platform pushes, as the `type` field names them.
    public enum EventType: String, Sendable, CaseIterable {
        /// 催办
        case reminder
        /// 督办
        case supervision
        /// 审核结果 of a reply: accepted or sent back (重办).
        case review
        /// 回访结果
        case callback
        /// 延期审批
        case extensionDecision = "extension_decision"
        /// 退单审批
        case returnDecision = "return_decision"
    }

    /// The kinds of message the gateway sends, with the path each goes to under the platform's
    /// base URL.
    public enum OutboundKind: String, Sendable, CaseIterable {
        /// 签收
        case acknowledgement
        /// 退单申请
        case returnRequest = "return_request"
        /// 延期申请
        case extensionRequest = "extension_request"
        /// 办理进展
        case progress
        /// 办结反馈
        case reply
        /// 并单: the order is handled under another, whose reply it will get
        case merged
        /// 撤销并单: the order is handled on its own again
        case unmerged

        /// `/orders/<number>/<segment>` under the platform's base URL.
        public var pathSegment: String {
            switch self {
            case .acknowledgement: "acknowledgement"
            case .returnRequest: "return-request"
            case .extensionRequest: "extension-request"
            case .progress: "progress"
            case .reply: "reply"
            case .merged: "merged"
            case .unmerged: "unmerged"
            }
        }

        public func path(orderNumber: String) -> String { "/orders/\(orderNumber)/\(pathSegment)" }

        public init?(pathSegment: String) {
            guard let kind = Self.allCases.first(where: { $0.pathSegment == pathSegment }) else { return nil }
            self = kind
        }
    }

    /// The kinds of knowledge-base message, both ways: the gateway publishes the bureau's articles
    /// to `/knowledge/articles/<id>/<segment>` under the platform's base URL, and the platform
    /// pushes its own to ``knowledgeArticlesPath`` with the same `type`.
    public enum ArticleMessageKind: String, Sendable, CaseIterable {
        /// 发布（新增或修改）: the full article, a new version.
        case published = "article_published"
        /// 撤销: the article answers nothing from now on.
        case retired = "article_retired"

        public var pathSegment: String {
            switch self {
            case .published: "published"
            case .retired: "retired"
            }
        }

        public func path(articleID: String) -> String { "/knowledge/articles/\(articleID)/\(pathSegment)" }

        public init?(pathSegment: String) {
            guard let kind = Self.allCases.first(where: { $0.pathSegment == pathSegment }) else { return nil }
            self = kind
        }
    }

    /// Whether `text` can be an order number: 1–64 of `A-Z a-z 0-9 _ -`, so that it is safe in a
    /// path without escaping.
    public static func isValidOrderNumber(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "-")
            }
    }
}
