import Domain

/// The x axis of a report's trends: its days, or its ISO weeks when it spans more than 62 days.
struct Buckets {
    let labels: [String]
    private let index: [LocalDate: Int]

    init(_ period: ReportPeriod) {
        var labels: [String] = []
        var index: [LocalDate: Int] = [:]
        for day in period.days {
            let label = period.dayCount > 62 ? ReportPeriod.week(containing: day).description : day.description
            if labels.last != label { labels.append(label) }
            index[day] = labels.count - 1
        }
        self.labels = labels
        self.index = index
    }

    func series(_ rows: [ReceivedCount]) -> [Double] {
        var values = Array(repeating: 0.0, count: labels.count)
        for row in rows {
            if let bucket = index[row.day] { values[bucket] += Double(row.count) }
        }
        return values
    }
}
