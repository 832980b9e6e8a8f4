extension WorkOrder {
    /// The hotline an order arrived through; both numbers run in parallel (双号并行).
    public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
        case hotline12345 = "hotline_12345"
        case hotline12333 = "hotline_12333"
    }

    /// The platform's urgency class; it decides the acknowledgement clock (30 minutes or 4 hours).
    public enum Urgency: String, Sendable, Hashable, Codable, CaseIterable {
        case urgent
        case normal
    }

    /// What the caller wants (咨询, 投诉, 举报, 建议, 求助).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case consultation
        case complaint
        case report
        case suggestion
        case help
    }

    /// The bureau's subject area of an order; it drives routing and the wage-arrears special case.
    public enum Topic: String, Sendable, Hashable, Codable, CaseIterable {
        case wageArrears = "wage_arrears"
        case pension
        case unemploymentInsurance = "unemployment_insurance"
        case workInjury = "work_injury"
        case employment
        case training
        case talent
        case laborInspection = "labor_inspection"
        case mediationArbitration = "mediation_arbitration"
        case businessEnvironment = "business_environment"
        case other
    }

    /// The five handling modes of the notice, section 三.
    public enum HandlingMode: String, Sendable, Hashable, Codable, CaseIterable {
        /// 即时办理: answered from the knowledge base, reply the same day.
        case immediateAnswer = "immediate_answer"
        /// 即时批办: urgent orders, instructed by the deputy leader in charge right after acknowledgement.
        case leaderInstruction = "leader_instruction"
        /// 即时转办: general matters, 交办单 to the responsible unit.
        case transfer
        /// 即时协办: several units; the first responsible unit leads and compiles the reply.
        case jointHandling = "joint_handling"
        /// 专事专办: wage arrears, closed only against a closure standard with its evidence.
        case specialCase = "special_case"
    }

    /// The path an assigned order takes through the bureau besides its handling mode.
    public enum Track: String, Sendable, Hashable, Codable, CaseIterable {
        /// Liaison, leader's assignment opinion, handling sections.
        case regular
        /// One of the 99 key enterprises (万人助万企): straight to the enterprise-help liaison, no intermediate steps.
        case keyEnterprise = "key_enterprise"
        /// Business-environment green channel (营商环境绿色通道), where the task force may instruct.
        case greenChannel = "green_channel"
    }
}
