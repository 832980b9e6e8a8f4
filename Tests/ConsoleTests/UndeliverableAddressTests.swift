import ConsoleCore
import TestSupport
import Testing
import WireProtocol

/// The console says at start which accounts have an address no mail server delivers.
@Suite("console undeliverable addresses")
struct UndeliverableAddressTests {
    @Test func anAccountAtAnExampleDomainIsAnnouncedAtErrorLevelUntilItHasARealAddress() async throws {
        try await ConsoleFixture.with { console in
            let admin = try await console.administratorSession()
            var example = ConsoleFixture.liaison
            example.email = "liaison.employment-office@example.invalid"
            _ = try await console.createAccount(example, adminSession: admin)
            let logger = console.log.logger(label: "suban.console")
            try UndeliverableAddresses.announce(in: console.database, logger: logger)
            let announced = console.log.lines(containing: "console.accounts.undeliverable_addresses")
            #expect(announced.count == 1 && announced.first?.hasPrefix("error ") == true)
            #expect(
                announced.first?.contains("accounts=li.wei") == true
                    && announced.first?.contains("accounts.count=1") == true)

            example.email = "li.wei@rsj.example.cn"
            let _: Wire.UpdateAccountResponse = try await console.call(
                "console.update_account", Wire.UpdateAccountRequest(account: example), session: admin
            )
            try UndeliverableAddresses.announce(in: console.database, logger: logger)
            #expect(console.log.lines(containing: "console.accounts.undeliverable_addresses").count == 1)
        }
    }
}
