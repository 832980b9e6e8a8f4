/// A sign-in session as stored: its public id and its limits, never its token.
struct SessionRecord: Sendable, Hashable {
    /// Why a session can no longer be used, in words for the person holding it.
    enum Ending: Sendable, Hashable, CustomStringConvertible {
        case revoked
        case idle(seconds: Int)
        case reachedLimit(seconds: Int)

        var description: String {
            switch self {
            case .revoked: "the session was ended (signed out, revoked, or the account changed)"
            case .idle(let seconds): "the session was idle for more than \(Self.duration(seconds))"
            case .reachedLimit(let seconds): "the session reached its limit of \(Self.duration(seconds)) after sign-in"
            }
        }

        static func duration(_ seconds: Int) -> String {
            if seconds % 3600 == 0 { return seconds == 3600 ? "1 hour" : "\(seconds / 3600) hours" }
            if seconds % 60 == 0 { return seconds == 60 ? "1 minute" : "\(seconds / 60) minutes" }
            return "\(seconds) seconds"
        }
    }

    var id: String
    var login: String
    var client: String
    var created: Int64
    var lastSeen: Int64
    /// The absolute limit (Unix ms), however the session is used.
    var expires: Int64
    var revoked: Int64?

    /// When the session ends if unused from now on: the idle limit, never past the absolute one.
    func idleExpiry(idleSeconds: Int) -> Int64 {
        min(lastSeen + Int64(idleSeconds) * 1000, expires)
    }

    /// Why the session is over at `now`, or nil while it may be used.
    func ending(at now: Int64, idleSeconds: Int, maximumSeconds: Int) -> Ending? {
        if revoked != nil { return .revoked }
        if now >= expires { return .reachedLimit(seconds: maximumSeconds) }
        if now >= lastSeen + Int64(idleSeconds) * 1000 { return .idle(seconds: idleSeconds) }
        return nil
    }
}
