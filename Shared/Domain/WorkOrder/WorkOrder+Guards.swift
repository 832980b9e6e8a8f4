extension WorkOrder {
    /// Handler actions (acknowledge, start, extension, reply, return) belong to the enterprise-help liaison on
    /// key-enterprise orders and to a responsible unit's liaison otherwise. A joint-handling reply comes from the
    /// lead unit, which compiles the result (即时协办).
    func requireHandler(_ actor: Actor, for kind: WorkOrderAction.Kind, leadUnitOnly: Bool = false)
        throws(WorkOrderTransitionError)
    {
        let handler: Role = track == .keyEnterprise ? .enterpriseHelpLiaison : .liaison
        guard actor.role == handler else { throw WorkOrderTransitionError(.forbidden(role: actor.role, action: kind)) }
        try requireUnit(actor, for: kind, leadUnitOnly: leadUnitOnly)
    }

    func requireUnit(_ actor: Actor, for kind: WorkOrderAction.Kind, leadUnitOnly: Bool = false)
        throws(WorkOrderTransitionError)
    {
        let units = leadUnitOnly ? Array(responsibleUnits.prefix(1)) : responsibleUnits
        guard let unit = actor.unitCode, units.contains(unit) else {
            throw WorkOrderTransitionError(.notResponsibleUnit(unit: actor.unitCode, action: kind))
        }
    }

    /// The longest free text of a step (an opinion, a reason, a legal basis, a comment): a page of
    /// text, not a document (documents are attached).
    public static let maximumTextLength = 2_000

    static func requireText(_ text: String, field: String, maximum: Int = maximumTextLength)
        throws(WorkOrderTransitionError)
    {
        guard !isBlank(text) else { throw WorkOrderTransitionError(.missingArgument(field: field)) }
        try requireLength(text, field: field, maximum: maximum)
    }

    /// For texts that may be empty.
    static func requireLength(_ text: String, field: String, maximum: Int = maximumTextLength)
        throws(WorkOrderTransitionError)
    {
        guard text.count <= maximum else {
            throw WorkOrderTransitionError(.invalidArgument(field: field, reason: "longer than \(maximum) characters"))
        }
    }

    /// Optional texts go into the event only when they say something.
    static func text(_ text: String) -> String? {
        isBlank(text) ? nil : text
    }

    /// Checks a wage-arrears citation against the table in force: known code, every required evidence attached,
    /// and no `solved` under a standard that does not count as solved. Other orders must cite none.
    func validateCitation(
        _ citation: ClosureCitation?,
        result: ResultCode,
        standards: ClosureStandardTable
    ) throws(WorkOrderTransitionError) {
        guard requiresClosureStandard else {
            guard citation == nil else { throw WorkOrderTransitionError(.closureStandardNotApplicable) }
            return
        }
        guard let citation else { throw WorkOrderTransitionError(.missingClosureStandard) }
        guard let standard = standards[citation.code] else {
            throw WorkOrderTransitionError(.unknownClosureStandard(code: citation.code))
        }
        let missing = standard.missingEvidence(in: citation)
        guard missing.isEmpty else {
            throw WorkOrderTransitionError(.missingEvidence(code: citation.code, missing: missing))
        }
        if result == .solved && !standard.countsAsSolved {
            throw WorkOrderTransitionError(.resultContradictsStandard(code: citation.code, result: result))
        }
        if let workers = citation.workersHelped, workers < 0 {
            throw WorkOrderTransitionError(.invalidArgument(field: "workers_helped", reason: "cannot be negative"))
        }
        if let amount = citation.amountRecoveredFen, amount < 0 {
            throw WorkOrderTransitionError(.invalidArgument(field: "amount_recovered", reason: "cannot be negative"))
        }
        // Wages paid: how many workers and how much is what the bureau reports and the assessment counts.
        if standard.recordsPayment {
            guard (citation.workersHelped ?? 0) > 0 else {
                throw WorkOrderTransitionError(.missingArgument(field: "workers_helped"))
            }
            guard (citation.amountRecoveredFen ?? 0) > 0 else {
                throw WorkOrderTransitionError(.missingArgument(field: "amount_recovered"))
            }
        }
    }

    /// Closing needs, for a special case, the cited standard of the reviewed reply. The table is not consulted
    /// again here: the desk checked it at review, and a table replaced since must not strand an order the
    /// platform already accepted.
    func requireClosable() throws(WorkOrderTransitionError) {
        if requiresClosureStandard && result?.closureStandard == nil {
            throw WorkOrderTransitionError(.missingClosureStandard)
        }
    }
}
