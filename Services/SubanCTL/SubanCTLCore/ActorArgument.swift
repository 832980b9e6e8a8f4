import ServiceKit
import ArgumentParser
import Domain
import WireProtocol

/// Who acts, written `role:id` or `role:id@unit`, e.g. `liaison:li.wei@employment_office`.
struct ActorArgument: ExpressibleByArgument {
    var actor: Actor

    init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, Role(rawValue: parts[0]) != nil else { return nil }
        let idAndUnit = parts[1].split(separator: "@", maxSplits: 1).map(String.init)
        guard let id = idAndUnit.first, !id.isEmpty else { return nil }
        actor = Actor(id: id, role: parts[0], unit: idAndUnit.count == 2 ? idAndUnit[1] : "")
    }

    static var allValueStrings: [String] { Role.allCases.map { "\($0.rawValue):ID[@UNIT]" } }
}

/// The options every action on an order takes.
struct ActionOptions: ParsableArguments {
    @Argument(help: "The order: its id, or channel:platform-order-number.")
    var order: String

    @Option(name: .customLong("as"), help: ArgumentHelp("Who acts: role:id[@unit].", valueName: "role:id[@unit]"))
    var actor: ActorArgument

    @OptionGroup var service: ServiceCallOptions

    /// Sends `request` (with the order and actor filled in) and prints the order and the new event.
    func apply(_ action: String, _ fill: (inout ApplyActionRequest) -> Void = { _ in }) async throws {
        var request = ApplyActionRequest(orderId: order, actor: actor.actor, action: action)
        fill(&request)
        let response = try await service.call(.intake, "intake.apply", request, as: ApplyActionResponse.self)
        switch service.output {
        case .json:
            print(try OrderPrinter.json(["order": response.order.map(OrderPrinter.object) as Any, "event": response.event.map(OrderPrinter.object) as Any]))
        case .table:
            if let event = response.event { print(OrderPrinter.eventLine(event)) }
            if let order = response.order { print(OrderPrinter.summary(order)) }
        }
    }
}
