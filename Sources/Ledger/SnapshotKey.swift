import Budget

/// A snapshot's key: the figure of one sub-project for one week.
struct SnapshotKey: Hashable {
    let week: ISOWeek
    let project: String
}
