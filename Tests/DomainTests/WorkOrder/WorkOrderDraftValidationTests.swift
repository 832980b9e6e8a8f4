import Domain
import Foundation
import Testing

/// Field-level validation of incoming orders, and the identifier checks behind it.
@Suite struct WorkOrderDraftValidationTests {
    typealias F = WorkOrderFixtures

    @Test func validDraftHasNoErrors() throws {
        #expect(F.draft().validate().isEmpty)
        let order = try WorkOrder(id: "order-1", draft: F.draft())
        #expect(order.state == .received && order.cycle == 1 && order.lastSequence == 0 && order.handlingMode == nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var field: String
        var code: FieldError.Code
        var change: @Sendable (inout WorkOrderDraft) -> Void
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "blank content", field: "content", code: .required) { $0.content = " \n\u{3000}" },
        Case(name: "content over 4000", field: "content", code: .tooLong) {
            $0.content = String(repeating: "欠", count: 4_001)
        },
        Case(name: "blank order number", field: "platformOrderNumber", code: .required) { $0.platformOrderNumber = "" },
        Case(name: "order number over 64", field: "platformOrderNumber", code: .tooLong) {
            $0.platformOrderNumber = String(repeating: "9", count: 65)
        },
        Case(name: "order number with a space", field: "platformOrderNumber", code: .invalidFormat) {
            $0.platformOrderNumber = "SMX 2026 0001"
        },
        Case(name: "order number in full-width digits", field: "platformOrderNumber", code: .invalidFormat) {
            $0.platformOrderNumber = "SMX２０２６"
        },
        Case(name: "address over 500", field: "address", code: .tooLong) {
            $0.address = String(repeating: "路", count: 501)
        },
        Case(name: "missing phone", field: "caller.phone", code: .required) { $0.caller.phone = "" },
        Case(name: "mobile starting 12", field: "caller.phone", code: .invalidPhone) {
            $0.caller.phone = "12812345678"
        },
        Case(name: "mobile with 10 digits", field: "caller.phone", code: .invalidPhone) {
            $0.caller.phone = "1381234567"
        },
        Case(name: "landline without leading 0", field: "caller.phone", code: .invalidPhone) {
            $0.caller.phone = "398-2812345"
        },
        Case(name: "landline with 6-digit local number", field: "caller.phone", code: .invalidPhone) {
            $0.caller.phone = "0398-281234"
        },
        Case(name: "phone with fullwidth digits", field: "caller.phone", code: .invalidPhone) {
            $0.caller.phone = "１３８１２３４５６７８"
        },
        Case(name: "ID number of 17 characters", field: "caller.idNumber", code: .invalidIDNumber) {
            $0.caller.idNumber = "11010519491231002"
        },
        Case(name: "ID number with wrong check digit", field: "caller.idNumber", code: .invalidIDNumber) {
            $0.caller.idNumber = "110105194912310021"
        },
        Case(name: "ID number with letter inside", field: "caller.idNumber", code: .invalidIDNumber) {
            $0.caller.idNumber = "1101051949123100AX"
        },
        Case(name: "credit code of 17 characters", field: "enterprise.creditCode", code: .invalidCreditCode) {
            $0.enterprise?.creditCode = "91350100M000100Y4"
        },
        Case(name: "credit code with wrong check character", field: "enterprise.creditCode", code: .invalidCreditCode) {
            $0.enterprise?.creditCode = "91350100M000100Y44"
        },
        Case(name: "credit code with I, outside the alphabet", field: "enterprise.creditCode", code: .invalidCreditCode)
        {
            $0.enterprise?.creditCode = "91350100I000100Y43"
        },
        Case(name: "blank enterprise name", field: "enterprise.name", code: .required) { $0.enterprise?.name = "" },
        Case(name: "deadline before dispatch", field: "handlingDeadline", code: .deadlineBeforeDispatch) {
            $0.handlingDeadline = $0.dispatchedAt.addingTimeInterval(-1)
        },
        Case(name: "attachment without URI", field: "attachments[0].uri", code: .required) {
            $0.attachments[0].uri = ""
        },
        Case(name: "attachment without name", field: "attachments[0].name", code: .required) {
            $0.attachments[0].name = " "
        },
    ]

    @Test(arguments: cases)
    func fieldError(_ testCase: Case) throws {
        var draft = F.draft()
        testCase.change(&draft)
        let errors = draft.validate()
        #expect(errors.map(\.field) == [testCase.field])
        #expect(errors.map(\.code) == [testCase.code])
        #expect(errors.allSatisfy { !$0.message.isEmpty })
        let error = #expect(throws: WorkOrderDraft.Invalid.self) { try WorkOrder(id: "order-1", draft: draft) }
        #expect(error?.errors.map(\.field) == [testCase.field])
    }

    @Test func messagesDoNotRepeatPersonalData() {
        var draft = F.draft()
        draft.caller.phone = "13912"
        draft.caller.idNumber = "110105194912310021"
        let text = draft.validate().map(\.description).joined()
        #expect(!text.contains("13912") && !text.contains("110105"))
    }

    @Test func allErrorsAreReportedAtOnce() throws {
        var draft = F.draft()
        draft.content = ""
        draft.caller.phone = "123"
        draft.handlingDeadline = F.t0.addingTimeInterval(-60)
        #expect(draft.validate().map(\.field) == ["content", "caller.phone", "handlingDeadline"])
        let error = #expect(throws: WorkOrderDraft.Invalid.self) { try WorkOrder(id: " ", draft: draft) }
        #expect(error?.errors.map(\.field) == ["id", "content", "caller.phone", "handlingDeadline"])
    }

    @Test(arguments: [
        "13812345678", "19912345678", "0398-2812345", "03982812345", "010-12345678", "021-1234567", "0371-12345678",
    ])
    func acceptedPhoneNumbers(_ phone: String) {
        #expect(PhoneNumber.isValid(phone))
    }

    @Test(arguments: [
        "", "138-1234-5678", "0398--2812345", "+8613812345678", "02-1234567", "0398-123456789", "0398-2812345-1",
    ])
    func refusedPhoneNumbers(_ phone: String) {
        #expect(!PhoneNumber.isValid(phone))
    }

    // Check characters computed by hand with the standards' weights (and the standards' own examples).
    @Test(arguments: ["11010519491231002X", "411202199003071237", "440301198512150012", "410102200001015556"])
    func validIDNumbers(_ number: String) {
        #expect(ResidentIDNumber.isValid(number))
        #expect(ResidentIDNumber.checkCharacter(forFirst17: number.prefix(17)) == number.last)
    }

    @Test(arguments: ["91350100M000100Y43", "91110000600037341L", "91410000169954619U", "9141120077654321X4"])
    func validCreditCodes(_ code: String) {
        #expect(UnifiedSocialCreditCode.isValid(code))
        #expect(UnifiedSocialCreditCode.checkCharacter(forFirst17: code.prefix(17)) == code.last)
    }

    @Test func normalisationTidiesIdentifiersOnly() throws {
        var draft = F.draft()
        draft.platformOrderNumber = "  SMX-1 "
        draft.caller.phone = " 13812345678\t"
        draft.caller.idNumber = " 11010519491231002x "
        draft.enterprise?.creditCode = ""
        draft.content = "  原文  "
        let normalized = draft.normalized()
        #expect(normalized.platformOrderNumber == "SMX-1")
        #expect(normalized.caller.phone == "13812345678")
        #expect(normalized.caller.idNumber == "11010519491231002X")
        #expect(normalized.enterprise?.creditCode == nil)
        #expect(normalized.content == "  原文  ")
        // Strict as given, accepted once normalised.
        #expect(!draft.validate().isEmpty)
        #expect(try WorkOrder(id: "o", draft: draft).caller.idNumber == "11010519491231002X")
    }
}

/// Personal data masking.
@Suite struct WorkOrderCallerMaskingTests {
    @Test func maskedRenderings() {
        let caller = WorkOrder.Caller(name: "欧阳娜娜", phone: "13812345678", idNumber: "11010519491231002X")
        let masked = caller.masked
        #expect(masked.phone == "138****5678")
        #expect(masked.idNumber == "110105********002X")
        #expect(masked.name == "欧***")
        #expect(WorkOrder.Caller.mask(phone: "0398-2812345") == "039*****2345")
        #expect(WorkOrder.Caller.mask(phone: "1234567") == "*******")
        #expect(WorkOrder.Caller.mask(name: "") == "" && WorkOrder.Caller.mask(name: "李") == "李")
    }

    @Test func printingACallerMasksIt() {
        let caller = WorkOrder.Caller(name: "张三", phone: "13812345678", idNumber: "11010519491231002X")
        for text in [String(describing: caller), String(reflecting: caller), "\(caller)"] {
            #expect(!text.contains("13812345678") && !text.contains("19491231") && !text.contains("张三"))
            #expect(text.contains("138****5678"))
        }
    }
}
