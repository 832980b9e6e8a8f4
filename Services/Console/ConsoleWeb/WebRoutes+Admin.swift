import Hummingbird

extension WebRoutes {
    func registerAdmin(on router: Hummingbird.Router<WebRequestContext>) {
    }
}
