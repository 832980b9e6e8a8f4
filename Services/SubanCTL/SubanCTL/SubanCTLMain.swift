import ArgumentParser
import SubanCTLCore

@main
enum SubanCTLMain {
    static func main() async {
        await SubanCTL.main()
    }
}
