/// The form controls the pages share, each with its label (the browser suite checks that every
/// control has one).
enum FormControls {
    static func select(
        _ name: String, label: String, options: [(value: String, label: String)], selected: String = "",
        anyLabel: String? = "全部"
    ) -> HTML {
        var items: [HTML] = []
        if let anyLabel { items.append("<option value=\"\">\(anyLabel)</option>") }
        for option in options {
            let mark: HTML = option.value == selected ? " selected" : ""
            items.append("<option value=\"\(option.value)\"\(mark)>\(option.label)</option>")
        }
        return "<label>\(label)<select name=\"\(name)\">\(items)</select></label>"
    }

    static func input(
        _ name: String, label: String, type: String = "text", value: String = "", required: Bool = false,
        extra: HTML = .empty
    ) -> HTML {
        let mark: HTML = required ? " required" : ""
        return "<label>\(label)<input type=\"\(type)\" name=\"\(name)\" value=\"\(value)\"\(mark)\(extra)></label>"
    }

    /// `value` is what the box holds already (minutes recorded before, to correct them).
    static func textarea(
        _ name: String, label: String, required: Bool = false, placeholder: String = "", value: String = ""
    ) -> HTML {
        let mark: HTML = required ? " required" : ""
        return
            "<label>\(label)<textarea name=\"\(name)\"\(mark) placeholder=\"\(placeholder)\">\(value)</textarea></label>"
    }
}
