import Domain
import Synchronization

/// The units' Chinese names as intake last read them from routing's directory (the shipped
/// directory's before the first reading), for what intake writes to people: a 交办单 names
/// 养老保险中心, not `pension_insurance_center`. Read inside a database transaction, so it never
/// waits on routing; ``UnitCodes`` refreshes it with every reading.
final class KnownUnitNames: Sendable {
    private let names: Mutex<[String: String]>

    init() {
        names = Mutex(Dictionary(UnitDirectory.shipped.units.map { ($0.code, $0.name) }) { first, _ in first })
    }

    /// The unit's name, or its code for a unit no reading named.
    func name(_ code: String) -> String {
        names.withLock { $0[code] } ?? code
    }

    func update(_ readNames: [String: String]) {
        names.withLock { $0.merge(readNames.filter { !$0.value.isEmpty }) { $1 } }
    }
}
