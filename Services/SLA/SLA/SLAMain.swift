import SLACore
import ServiceDirectory
import ServiceKit

@main
enum SLAMain {
    static func main() async {
        await ServiceMain.run(SLAService.self)
    }
}
