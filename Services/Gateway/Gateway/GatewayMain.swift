import GatewayCore
import ServiceDirectory
import ServiceKit

@main
enum GatewayMain {
    static func main() async {
        await ServiceMain.run(GatewayService.self)
    }
}
