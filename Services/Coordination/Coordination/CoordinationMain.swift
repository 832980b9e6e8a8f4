import CoordinationCore
import ServiceDirectory
import ServiceKit

@main
enum CoordinationMain {
    static func main() async {
        await ServiceMain.run(CoordinationService.self)
    }
}
