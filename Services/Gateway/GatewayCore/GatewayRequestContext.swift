import Hummingbird
import NIOCore

/// Hummingbird's basic context and the peer's address, which the per-source rate limit and the
/// inbox need (behind a reverse proxy: the proxy's).
struct GatewayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let sourceAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sourceAddress = source.channel.remoteAddress?.ipAddress ?? ""
    }
}
