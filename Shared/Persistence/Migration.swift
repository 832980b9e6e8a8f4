/// One step of a database schema: an identifier and the SQL that makes it.
///
/// Shipped migrations never change: the database keeps a checksum of each applied one, and
/// opening refuses a database whose applied migrations differ from the code's.
public struct Migration: Sendable, Hashable {
    public var identifier: String
    public var sql: String

    public init(_ identifier: String, sql: String) {
        self.identifier = identifier
        self.sql = sql
    }

    /// FNV-1a over the SQL text: stable across runs and platforms, unlike `hashValue`.
    var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
