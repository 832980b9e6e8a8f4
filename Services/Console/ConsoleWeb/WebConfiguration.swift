public import ServiceDirectory
public import ServiceKit

/// Where the console's web pages listen, read from environment variables.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SUBAN_CONSOLE_HTTP_HOST` | 127.0.0.1 | the address the pages listen on |
/// | `SUBAN_CONSOLE_HTTP_PORT` | 7416 (0 when the RPC port is 0) | their port; 0 picks a free one |
/// | `SUBAN_CONSOLE_SECURE_COOKIES` | false | mark the session cookie `Secure`: set it when a TLS proxy fronts the console |
public struct WebConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var secureCookies: Bool

    public init(host: String = "127.0.0.1", port: Int = 0, secureCookies: Bool = false) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
    }

    public init(variables: [String: String], rpcPort: Int) throws(ServiceEnvironment.ConfigurationError) {
        host = variables["SUBAN_CONSOLE_HTTP_HOST"] ?? "127.0.0.1"
        guard !host.isEmpty else {
            throw ServiceEnvironment.ConfigurationError(
                variable: "SUBAN_CONSOLE_HTTP_HOST", value: "", expected: "a host name or address")
        }
        let portText = variables["SUBAN_CONSOLE_HTTP_PORT"]
        if let portText {
            guard let value = Int(portText), (0...65_535).contains(value) else {
                throw ServiceEnvironment.ConfigurationError(
                    variable: "SUBAN_CONSOLE_HTTP_PORT", value: portText, expected: "an integer in 0...65535")
            }
            port = value
        } else {
            port = rpcPort == 0 ? 0 : 7416
        }
        switch variables["SUBAN_CONSOLE_SECURE_COOKIES"] {
        case nil, "false": secureCookies = false
        case "true": secureCookies = true
        case let other?:
            throw ServiceEnvironment.ConfigurationError(
                variable: "SUBAN_CONSOLE_SECURE_COOKIES", value: other, expected: "true or false")
        }
    }

    public var effectiveConfiguration: [String] {
        [
            "SUBAN_CONSOLE_HTTP_HOST=\(host)", "SUBAN_CONSOLE_HTTP_PORT=\(port)",
            "SUBAN_CONSOLE_SECURE_COOKIES=\(secureCookies)",
        ]
    }
}
