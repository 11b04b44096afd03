import Budget
import Delivery
import Intake
import Ledger
import Reporting

/// `owners:` on a channel: the week compared again on those owners' sub-projects only, so the channel's rows,
/// programme and total rows (their money, summed) and action list are theirs alone.
struct OwnerRouting: Sendable {
    let loaded: LoadedConfig
    let context: RunContext

    /// The rendered report of every channel with `owners:`, by channel name.
    func reports(week: ISOWeek, history: FigureHistory, full: WeekReport, ledger: Ledger) throws -> [String: RenderedReport] {
        var byOwners: [[String]: RenderedReport] = [:]
        var out: [String: RenderedReport] = [:]
        for channel in loaded.channels {
            guard let owners = channel.owners else { continue }
            let key = owners.sorted()
            if byOwners[key] == nil {
                byOwners[key] = try RenderedReport(report(for: Set(owners), week: week, history: history, full: full, ledger: ledger),
                                                   templates: loaded.templates)
            }
            out[channel.name] = byOwners[key]
        }
        return out
    }

    /// The week as `owners` see it. Findings about other owners' lines, and `unknown` for lines the full plan
    /// has, are left out; the task force's acknowledgements apply as in the full report.
    func report(for owners: Set<String>, week: ISOWeek, history: FigureHistory, full: WeekReport, ledger: Ledger) throws -> WeekReport {
        let plan = loaded.plan.restricted(toOwners: owners)
        let theirs = Set(plan.programs.flatMap { $0.projects.map(\.id) })
        let everyLine = Set(loaded.plan.programs.flatMap { $0.projects.map(\.id) })
        var report = WeeklyComparison(plan: plan, thresholds: loaded.config.thresholds, watch: loaded.config.watch)
            .report(week: week, history: history, generatedAt: full.generatedAt)
        report = report.keepingFindings { finding in
            !(finding.kind == .unknown && finding.project.map(everyLine.contains) == true)
        }
        // `restated` and `stale-source` come from history: a restatement of their own line, and the source's staleness.
        let fromHistory = full.findings.filter { $0.kind == .restated || $0.kind == .staleSource }
            .filter { $0.kind == .staleSource || $0.project.map(theirs.contains) == true }
        return report.adding(fromHistory).acknowledging(try ledger.acknowledgements())
    }
}
