extension WorkOrder {
    /// Who performs an action: an account (or service) id, the role it acts in, and its unit for unit-scoped roles.
    public struct Actor: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Account id, or the service name for ``Role/system``.
        public var id: String
        public var role: Role
        /// The level-2 unit code (routing's unit directory) for liaisons and unit leaders; `nil` for bureau-wide roles.
        public var unitCode: String?
        /// The account holder's name (王芳), as the verified credential gave it; `nil` for services and
        /// for events recorded before accounts existed.
        public var name: String?

        public init(id: String, role: Role, unitCode: String? = nil, name: String? = nil) {
            self.id = id
            self.role = role
            self.unitCode = unitCode
            self.name = name
        }

        public var description: String {
            let who = name.map { "\(id) \($0)" } ?? id
            return unitCode.map { "\(who) (\(role), unit \($0))" } ?? "\(who) (\(role))"
        }
    }
}
