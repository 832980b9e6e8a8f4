public import Instrumentation

/// Writes a tracer's propagation values into a name → value dictionary of headers.
public struct HeaderDictionaryInjector: Injector {
    public init() {}

    public func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }
}

/// Reads a tracer's propagation values from a name → value dictionary of headers.
public struct HeaderDictionaryExtractor: Extractor {
    public init() {}

    public func extract(key: String, from carrier: [String: String]) -> String? {
        carrier[key]
    }
}
