public import ArgumentParser
import Domain
import ServiceDirectory
import WireProtocol

/// The role the signed-in account acts in; needed only when it holds several.
struct ActingRole: ParsableArguments {
    @Option(
        name: .customLong("role"),
        help: ArgumentHelp("The role to act in, when your account holds several.", valueName: "role"))
    var role: Role?

    /// The actor the request names: who it is comes from the credential, so only the role.
    var actor: Wire.Actor { Wire.Actor(role: role?.rawValue ?? "") }
}

extension Role: ExpressibleByArgument {}

/// The options every action on an order takes.
struct ActionOptions: ParsableArguments {
    @Argument(help: "The order: its id, or channel:platform-order-number.")
    var order: String

    @OptionGroup var actor: ActingRole

    @OptionGroup var service: ServiceCallOptions

    /// Sends `request` (with the order and actor filled in) and prints the order and the new event.
    func apply(_ action: String, _ fill: (inout Wire.ApplyActionRequest) -> Void = { _ in }) async throws {
        var request = Wire.ApplyActionRequest(orderId: order, actor: actor.actor, action: action)
        fill(&request)
        let response = try await service.call(.intake, Wire.Intake.apply, request)
        switch service.output {
        case .json:
            print(
                try OrderPrinter.json([
                    "order": response.order.map(OrderPrinter.object) as Any,
                    "event": response.event.map(OrderPrinter.object) as Any,
                ]))
        case .table:
            if let event = response.event { print(OrderPrinter.eventLine(event)) }
            if let order = response.order { print(OrderPrinter.summary(order)) }
        }
    }
}
