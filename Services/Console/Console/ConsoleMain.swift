import ConsoleCore
import Foundation
import ServiceDirectory
import ServiceKit

@main
enum ConsoleMain {
    static func main() async {
        // ServiceMain refuses arguments it does not know, so the console's own command goes first.
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "bootstrap-admin" {
            exit(
                await AdministratorBootstrap.command(
                    arguments: Array(arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
        }
        await ServiceMain.run(ConsoleService.self)
    }
}
