import Budget

/// A change to a stored weekly figure: the trail behind `restated` findings and `history`.
public struct SnapshotRevision: Sendable, Hashable, Codable {
    public let id: Int64
    /// The week whose figure changed.
    public let week: ISOWeek
    public let program: String
    public let project: String
    public let oldExecuted: Won
    public let newExecuted: Won
    public let oldBudget: Won?
    public let newBudget: Won?
    /// The report week of the run that noticed the change; reruns of that week report it again.
    public let noticedWeek: ISOWeek
    public let runID: Int64?
    public let recordedAt: String
}
