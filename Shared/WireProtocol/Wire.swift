/// The namespace of the wire contracts generated from `Shared/Protos`: every message and enum
/// (`Wire.SubmitOrderRequest`, `Wire.Actor`, apart from `WorkOrder.Actor`), and one enum per
/// service holding its methods' descriptors (`Wire.Intake.submit`), so that a method's name is
/// written once, in its `.proto` file, and its request and response types travel with it.
public enum Wire {}
