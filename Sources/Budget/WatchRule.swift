/// Large projects watched more closely: `watch_budget` (e.g. ₩50억) and their own `watch_thresholds`.
///
/// A sub-project whose budget is at least `budget` is judged by `thresholds` (gap, stall and lapse limits)
/// and listed in the report's own section; programme and total rows keep the plan-wide thresholds.
public struct WatchRule: Sendable, Hashable {
    public let budget: Won
    public let thresholds: Thresholds

    public init(budget: Won, thresholds: Thresholds) {
        self.budget = budget
        self.thresholds = thresholds
    }

    /// Whether a sub-project of `budget` is a watched, large project.
    public func watches(budget amount: Won) -> Bool { amount >= budget }
}
