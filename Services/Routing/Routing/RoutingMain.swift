import RoutingCore
import ServiceDirectory
import ServiceKit

@main
enum RoutingMain {
    static func main() async {
        await ServiceMain.run(RoutingService.self)
    }
}
