extension WorkOrder {
    /// The enterprise an order concerns (the employer in wage-arrears cases, the requester on the green channel).
    public struct Enterprise: Sendable, Hashable, Codable {
        public var name: String
        /// Unified social credit code (GB 32100-2015, 18 characters), when known.
        public var creditCode: String?

        public init(name: String, creditCode: String? = nil) {
            self.name = name
            self.creditCode = creditCode
        }
    }

    /// A file kept elsewhere (platform attachment, evidence upload); the order holds only its reference.
    public struct Attachment: Sendable, Hashable, Codable {
        public var name: String
        public var uri: String

        public init(name: String, uri: String) {
            self.name = name
            self.uri = uri
        }
    }
}
