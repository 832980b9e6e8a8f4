extension WorkOrder {
    /// Who performs an action: an account (or service) id, the role it acts in, and its unit for unit-scoped roles.
    public struct Actor: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Account id, or the service name for ``Role/system``.
        public var id: String
        public var role: Role
        /// The level-2 unit code (routing's unit directory) for liaisons and unit leaders; `nil` for bureau-wide roles.
        public var unitCode: String?

        public init(id: String, role: Role, unitCode: String? = nil) {
            self.id = id
            self.role = role
            self.unitCode = unitCode
        }

        public var description: String {
            unitCode.map { "\(id) (\(role), unit \($0))" } ?? "\(id) (\(role))"
        }
    }
}
