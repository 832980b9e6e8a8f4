extension WorkOrderDraft {
    /// Every field problem of the draft, in field order; empty when the draft is acceptable.
    ///
    /// Pure: it checks shapes, lengths, check characters and date order, nothing that needs a lookup.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if WorkOrder.isBlank(platformOrderNumber) {
            errors.append(
                .init(field: "platformOrderNumber", code: .required, message: "the platform order number is required"))
        } else if platformOrderNumber.count > Self.maximumOrderNumberLength {
            errors.append(
                .init(
                    field: "platformOrderNumber", code: .tooLong,
                    message: "the platform order number exceeds \(Self.maximumOrderNumberLength) characters"
                )
            )
        } else if !platformOrderNumber.unicodeScalars.allSatisfy(Self.isOrderNumberCharacter) {
            // It names the order in paths and commands unescaped (docs/platform-api.md, identifiers).
            errors.append(
                .init(
                    field: "platformOrderNumber", code: .invalidFormat,
                    message: "the platform order number may hold only A-Z a-z 0-9 _ -"))
        }
        if WorkOrder.isBlank(content) {
            errors.append(.init(field: "content", code: .required, message: "the order content is required"))
        } else if content.count > Self.maximumContentLength {
            errors.append(
                .init(
                    field: "content", code: .tooLong,
                    message: "the content exceeds \(Self.maximumContentLength) characters"
                )
            )
        }
        if address.count > Self.maximumAddressLength {
            errors.append(
                .init(
                    field: "address", code: .tooLong,
                    message: "the address exceeds \(Self.maximumAddressLength) characters")
            )
        }
        errors += callerErrors()
        errors += enterpriseErrors()
        if let deadline = handlingDeadline, deadline < dispatchedAt {
            errors.append(
                .init(
                    field: "handlingDeadline", code: .deadlineBeforeDispatch,
                    message: "the handling deadline lies before the dispatch time"
                )
            )
        }
        for (index, attachment) in attachments.enumerated() {
            if WorkOrder.isBlank(attachment.name) {
                errors.append(
                    .init(field: "attachments[\(index)].name", code: .required, message: "an attachment needs a name"))
            }
            if WorkOrder.isBlank(attachment.uri) {
                errors.append(
                    .init(field: "attachments[\(index)].uri", code: .required, message: "an attachment needs a URI"))
            }
        }
        return errors
    }

    private func callerErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if WorkOrder.isBlank(caller.phone) {
            errors.append(
                .init(field: "caller.phone", code: .required, message: "the caller's phone number is required"))
        } else if !PhoneNumber.isValid(caller.phone) {
            errors.append(
                .init(
                    field: "caller.phone", code: .invalidPhone,
                    message: "the caller's phone is neither a mainland mobile number nor a landline number"
                )
            )
        }
        if let idNumber = caller.idNumber {
            if idNumber.count != 18 {
                errors.append(
                    .init(field: "caller.idNumber", code: .invalidIDNumber, message: "an ID number has 18 characters")
                )
            } else if !ResidentIDNumber.isValid(idNumber) {
                errors.append(
                    .init(
                        field: "caller.idNumber", code: .invalidIDNumber,
                        message: "the ID number's check character does not match (GB 11643)"
                    )
                )
            }
        }
        return errors
    }

    private func enterpriseErrors() -> [FieldError] {
        guard let enterprise else { return [] }
        var errors: [FieldError] = []
        if WorkOrder.isBlank(enterprise.name) {
            errors.append(.init(field: "enterprise.name", code: .required, message: "the enterprise name is required"))
        }
        if let code = enterprise.creditCode {
            if code.count != 18 {
                errors.append(
                    .init(
                        field: "enterprise.creditCode", code: .invalidCreditCode,
                        message: "a unified social credit code has 18 characters"
                    )
                )
            } else if !UnifiedSocialCreditCode.isValid(code) {
                errors.append(
                    .init(
                        field: "enterprise.creditCode", code: .invalidCreditCode,
                        message: "the credit code's check character does not match (GB 32100-2015)"
                    )
                )
            }
        }
        return errors
    }

    static func isOrderNumberCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }
}
