public import ArgumentParser

/// `subanctl`: the administrators' and staff's command line. A client of the services' RPC
/// methods only, never of their databases.
public struct SubanCTL: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "subanctl",
        abstract: "Operate Suban: probe services, act on work orders, print reports.",
        subcommands: [Probe.self]
    )

    public init() {}
}
