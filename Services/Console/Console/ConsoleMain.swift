import ServiceKit

@main
enum ConsoleMain {
    static func main() async {}
}
