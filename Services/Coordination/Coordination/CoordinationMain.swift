import CoordinationCore
import ServiceKit

@main
enum CoordinationMain {
    static func main() async {
        await ServiceMain.run(CoordinationService.self)
    }
}
