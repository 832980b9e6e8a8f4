public import ArgumentParser

/// `subanctl`: the administrators' and staff's command line. A client of the services' RPC
/// methods only, never of their databases.
public struct SubanCTL: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "subanctl",
        abstract: "Operate Suban: probe services, act on work orders, print reports.",
        subcommands: [
            Probe.self, FileOrder.self, ListOrders.self, ShowOrder.self,
            Assign.self, AnswerFromKnowledgeBase.self, Acknowledge.self, Instruct.self, ClassifyGreenChannel.self,
            Start.self,
            RequestExtension.self, DecideExtension.self, Reply.self, Review.self, Send.self,
            PlatformReview.self, Callback.self, Close.self, Return.self, DecideReturn.self, Reopen.self,
            Merge.self, Unmerge.self, Urge.self, Supervise.self, KnowledgeBaseCommand.self, UnitsCommand.self,
            EnterprisesCommand.self, RoutingCommand.self, StandardsCommand.self,
            OutboxCommand.self,
            CalendarCommand.self,
            CaseCommand.self, MeetingCommand.self, ActionItemCommand.self,
            ReportCommand.self, DigestCommand.self, AnonymiseCommand.self,
            LoginCommand.self, LogoutCommand.self, WhoAmICommand.self, PasswdCommand.self, SessionsCommand.self,
            AccountsCommand.self,
        ]
    )

    public init() {}
}
