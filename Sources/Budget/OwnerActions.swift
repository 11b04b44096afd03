/// One owner's to-do list for the week: the sub-projects behind the curve and what they must spend.
public struct OwnerActions: Sendable, Hashable {
    public let owner: String
    /// Behind sub-projects, worst status first, then the largest shortfall.
    public let items: [ExecutionRow]
    /// Sum of the items' shortfalls to today's target.
    public let shortfall: Won
    /// Sum of the items' required weekly spend to their next milestone.
    public let requiredWeekly: Won

    public init(owner: String, items: [ExecutionRow]) {
        self.owner = owner
        self.items = items
        shortfall = items.reduce(0) { $0 + $1.shortfall }
        requiredWeekly = items.reduce(0) { $0 + ($1.nextMilestone?.requiredWeekly ?? 0) }
    }
}

extension WeekReport {
    /// Every owner with a sub-project behind the curve, the one with the most to spend each week first.
    public var ownerActions: [OwnerActions] {
        let behind = programs.flatMap(\.projects).filter { $0.status != .onTrack }
        return Dictionary(grouping: behind) { $0.owner ?? "-" }
            .map { owner, rows in
                OwnerActions(owner: owner, items: rows.sorted { ($0.status, $0.shortfall, $1.id) > ($1.status, $1.shortfall, $0.id) })
            }
            .sorted { ($0.requiredWeekly, $0.shortfall, $1.owner) > ($1.requiredWeekly, $1.shortfall, $0.owner) }
    }
}
