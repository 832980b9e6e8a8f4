/// A method of a service: its name on the wire and the types of its request and response.
///
/// Generated from the `service` blocks of `Shared/Protos` (`Wire.Intake.submit`); a server
/// registers its handler by descriptor and a client calls by descriptor, so both sides agree on
/// the types at compile time. The name is what travels, and what outbox rows store.
public struct MethodDescriptor<Request: WireMessage, Response: WireMessage>: Hashable, Sendable, CustomStringConvertible
{
    /// The name on the wire, "<service>.<method>" (e.g. "intake.submit").
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    public var description: String { name }
}
