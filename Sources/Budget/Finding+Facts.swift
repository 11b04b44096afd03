extension Finding {
    /// The facts of a finding, one case per kind: amounts in won, weeks as `ISOWeek`, ids and plan names as text.
    public enum Facts: Sendable, Hashable {
        /// A sub-project, programme or the total behind its curve.
        /// `next` is the row's next milestone, if the year still has one.
        case behind(id: String, name: String, executedPercent: Double, targetPercent: Double, shortfall: Won,
                    next: NextMilestone?)
        /// A sub-project behind its curve whose cumulative figure has not changed for `weeks` weeks.
        case stalled(id: String, name: String, weeks: Int, executed: Won, gapPP: Double)
        /// A sub-project that executed more than its budget.
        case overspent(id: String, name: String, executed: Won, budget: Won)
        /// A sub-project whose cumulative figure fell from `previous` (reported in `previousWeek`) to `executed`.
        case regressed(id: String, name: String, previous: Won, previousWeek: ISOWeek, executed: Won, owner: String?)
        /// A sub-project without a figure for `week`, counted at `lastReported` (or at 0 when it never reported).
        case missing(id: String, name: String, week: ISOWeek, lastReported: Figure?, owner: String?)
        /// A figure for a sub-project the plan does not have; left out of every sum.
        case unknown(program: String, project: String, executed: Won)
        /// The source has nothing new for `week`.
        case staleSource(week: ISOWeek, source: String, reason: HistoryFinding.StaleReason)
        /// A figure of an already stored `week` changed; the budgets are set when the source carried one.
        case restated(week: ISOWeek, project: String, name: String?, old: Won, new: Won, oldBudget: Won?, newBudget: Won?)
        /// The source states a budget other than the plan's (a supplementary budget, 추경).
        case budgetRevised(id: String, name: String, planned: Won, revised: Won)
        /// A KPI of the plan behind its own curve.
        case kpiBehind(KPIStatus)
        /// The source's own total row disagrees with the sum of its figure rows.
        case subtotalMismatch(SubtotalMismatch)
        /// The source's budget (예산현액) moved from `previousBudget` (as of `previousWeek`) to `budget`, and the
        /// cumulative figure with it: a transfer (이용·전용, 과목경정) explains the fall, so it is not `regressed`.
        case budgetChanged(id: String, name: String, previousWeek: ISOWeek, previousBudget: Won, budget: Won, previousExecuted: Won,
                           executed: Won)
        /// A row past its last milestone whose projected 불용 on 31 December reaches `lapse_risk_percent`.
        case lapseRisk(id: String, name: String, budget: Won, executed: Won, velocity: Won, projection: YearEndProjection)

        public var kind: Kind {
            switch self {
            case .behind: .behind
            case .stalled: .stalled
            case .overspent: .overspent
            case .regressed: .regressed
            case .missing: .missing
            case .unknown: .unknown
            case .staleSource: .staleSource
            case .restated: .restated
            case .budgetRevised: .budgetRevised
            case .kpiBehind: .kpiBehind
            case .subtotalMismatch: .subtotalMismatch
            case .budgetChanged: .budgetChanged
            case .lapseRisk: .lapseRisk
            }
        }
    }
}
