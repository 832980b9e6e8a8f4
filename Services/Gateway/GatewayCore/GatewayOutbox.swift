import Outbox

/// The gateway's outboxes, both in the shared outbox table and delivered by one sender: messages
/// to the 12345 platform and emails to staff. Delivered entries stay, as the record of what was sent.
enum GatewayOutbox {
    enum Destination: String, Sendable, CaseIterable {
        case platform
        case email
    }

    typealias Sender = OutboxSender<SQLiteOutbox, WallClock>

    static let table = OutboxTable(keepsDelivered: true)
}
