import IntakeCore
import ServiceDirectory
import ServiceKit

@main
enum IntakeMain {
    static func main() async {
        await ServiceMain.run(IntakeService.self)
    }
}
