extension Role {
    /// Whether the role reads every unit's orders: the desk that dispatches them, the bureau's leaders and task
    /// force who watch them, the operators, the platform and the services. A unit's own people (liaison, leaders,
    /// the enterprise-help liaison) read their unit's orders only.
    public var readsEveryUnit: Bool {
        switch self {
        case .liaison, .unitLeader, .deputyLeader, .enterpriseHelpLiaison: false
        case .platform, .bureauDesk, .taskForce, .system, .administrator, .bureauLeader: true
        }
    }
}

extension WorkOrder {
    /// Whether someone holding `roles` in `unit` may read this order: any bureau-wide role reads it, a unit's people
    /// once their unit is among its responsible units (before assignment it is the desk's alone).
    public func isVisible(to roles: Set<Role>, unit: String?) -> Bool {
        if roles.contains(where: \.readsEveryUnit) { return true }
        guard let unit else { return false }
        return responsibleUnits.contains(unit)
    }
}

extension Role {
    /// Whether the role may see a caller's name, phone and ID number in clear, each time recorded: the people who
    /// call callers back (the desk, the handling unit's people, the task force). Leaders, operators and services
    /// work with the masked caller.
    public var mayRevealCallers: Bool {
        switch self {
        case .bureauDesk, .liaison, .unitLeader, .deputyLeader, .enterpriseHelpLiaison, .taskForce: true
        case .platform, .system, .administrator, .bureauLeader: false
        }
    }
}

extension WorkOrder {
    /// Whether someone holding `roles` in `unit` may see this order's caller in clear: they read the order and one
    /// of their roles calls callers back.
    public func callerIsRevealable(to roles: Set<Role>, unit: String?) -> Bool {
        isVisible(to: roles, unit: unit) && roles.contains(where: \.mayRevealCallers)
    }
}
