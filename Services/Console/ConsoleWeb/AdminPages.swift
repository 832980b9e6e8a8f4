import Domain

/// 管理: the administrators' pages. The console's own methods check the role again.
enum AdminPages {
    static func mayView(_ staff: SignedInStaff) -> Bool {
        staff.roles.contains(.administrator)
    }
}
