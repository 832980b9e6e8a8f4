extension Table {
    /// The table in a scrolling card, so that a wide table never widens the page on a phone.
    var html: String {
        let numeric = rightAlignedColumns
        let width = max(header.count, rows.map(\.count).max() ?? 0)
        func classes(_ column: Int, _ tone: Tone) -> String {
            var names: [String] = []
            if numeric.contains(column) { names.append("num") }
            if tone != .neutral { names.append("tone-" + tone.rawValue) }
            return names.isEmpty ? "" : " class=\"" + names.joined(separator: " ") + "\""
        }
        var html = "<div class=\"card table-card\"><table>\n"
        if let caption { html += "<caption>" + Escaping.text(caption) + "</caption>\n" }
        if !header.isEmpty {
            html += "<thead><tr>"
            for (column, title) in header.enumerated() {
                html += "<th scope=\"col\"" + classes(column, .neutral) + ">" + Escaping.text(title) + "</th>"
            }
            html += "</tr></thead>\n"
        }
        html += "<tbody>\n"
        for row in rows {
            html += "<tr>"
            for column in 0..<width {
                let cell = column < row.count ? row[column] : Cell("")
                let content = Escaping.text(cell.text) + HTMLPage.spokenHint(cell.tone)
                if column == 0 {
                    html += "<th scope=\"row\"" + classes(column, cell.tone) + ">" + content + "</th>"
                } else {
                    html += "<td" + classes(column, cell.tone) + ">" + content + "</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table></div>"
    }
}
