import Instrumentation
public import Logging
import OTel
public import ServiceDirectory
public import ServiceLifecycle
import Traces
import Tracing

extension ServiceMain {
    /// With an OTLP endpoint configured (`SUBAN_OTLP_ENDPOINT`, the base URL of an OTLP/HTTP
    /// collector), makes the process's tracer one that exports spans to `<endpoint>/v1/traces` and
    /// returns the exporter's service; without one, spans go nowhere and nil is returned. The
    /// process's tracer is bootstrapped here and only here; the libraries take it as their default.
    ///
    /// The `OTEL_*` variables swift-otel reads still apply (`OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`
    /// `http/json`, sampling, batching).
    public static func bootstrapTracing(service: ServiceName, endpoint: String?, logger: Logger) throws -> (
        any Service
    )? {
        guard let endpoint else { return nil }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "suban-\(service.rawValue)"
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.otlpExporter.endpoint =
            endpoint.hasSuffix("/") ? endpoint + "v1/traces" : endpoint + "/v1/traces"
        configuration.diagnosticLogger = .custom(logger)
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        InstrumentationSystem.bootstrap(backend.factory)
        return backend.service
    }
}

extension Logger.MetadataProvider {
    /// `trace.id` of the call a log line is written in (the task's current context), so that
    /// every line of a call names its trace, whichever logger writes it.
    public static let callTrace = Logger.MetadataProvider {
        guard let traceID = ServiceContext.current?.callTraceID else { return [:] }
        return ["trace.id": "\(traceID)"]
    }
}
