/// The findings of one kind, for a report that cannot list them all: how many, the money at stake, the largest.
///
/// A restatement of 52,000 figures is one fact with a size, not 52,000 lines; `report.json` still keeps every one.
public struct FindingGroup: Sendable, Hashable {
    public let kind: Finding.Kind
    public let count: Int
    /// The sum of the findings' `stake`.
    public let total: Won
    /// The `keep` findings with the largest stake, largest first (ties in report order).
    public let largest: [Finding]

    /// Groups `findings` by kind, in the order each kind first appears (the report's worst-first order).
    public static func groups(_ findings: [Finding], keep: Int) -> [FindingGroup] {
        var order: [Finding.Kind] = []
        var byKind: [Finding.Kind: [Finding]] = [:]
        for finding in findings {
            if byKind[finding.kind] == nil { order.append(finding.kind) }
            byKind[finding.kind, default: []].append(finding)
        }
        return order.map { kind in
            let all = byKind[kind] ?? []
            let largest = all.enumerated()
                .sorted { ($0.element.stake, $1.offset) > ($1.element.stake, $0.offset) }
                .prefix(max(0, keep)).map(\.element)
            return FindingGroup(kind: kind, count: all.count, total: all.reduce(0) { $0 + $1.stake }, largest: largest)
        }
    }
}

extension Finding {
    /// The money a finding is about, for ranking and summing: its `amount` (a shortfall, an excess), or for
    /// a figure that changed after the fact (`restated`, `regressed`) the size of the change; 0 when it has none.
    public var stake: Won {
        if let amount { return amount }
        switch facts {
        case let .restated(_, _, _, old, new, _, _): return abs(new - old)
        case let .regressed(_, _, previous, _, executed, _): return abs(previous - executed)
        default: return 0
        }
    }
}
