/// A plain `http://host:port/path` address. TLS is terminated by a proxy in deployment, so the
/// adapter itself speaks plain HTTP/1.1 and refuses other schemes.
public struct HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// Starts with `/`; no trailing `/` unless it is the root.
    public var basePath: String

    public init(host: String, port: Int, basePath: String = "") {
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses `http://host[:port][/path]`; the port defaults to 80.
    public init?(_ text: String) {
        guard text.hasPrefix("http://") else { return nil }
        let rest = text.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        while path.hasSuffix("/") { path.removeLast() }
        let host: Substring
        var port = 80
        if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let parsed = Int(authority[authority.index(after: colon)...]), (1...65535).contains(parsed) else {
                return nil
            }
            port = parsed
        } else {
            host = authority
        }
        guard !host.isEmpty, !host.contains("@") else { return nil }
        self.init(host: String(host), port: port, basePath: path)
    }

    /// The request target of `path` under this endpoint's base path.
    public func target(_ path: String) -> String { basePath + path }

    public var description: String { "http://\(host):\(port)\(basePath)" }
}
