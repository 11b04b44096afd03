import Foundation
import Budget

/// What the templates see: every value already formatted for a Korean finance office.
public struct ReportView: Sendable {
    public let week: String
    public let asOf: String
    public let generatedAt: String
    public let headline: String
    public let total: RowView
    public let programs: [ProgramView]
    public let findings: [FindingView]
    public let hasFindings: Bool
    public let criticalCount: Int
    public let warningCount: Int
    /// The severity words, so templates never spell them: 위험, 주의, 참고.
    public let criticalLabel = Vocabulary.label(Severity.critical)
    public let warningLabel = Vocabulary.label(Severity.warning)
    public let infoLabel = Vocabulary.label(Severity.info)
    /// Sub-projects behind the curve, largest shortfall first.
    public let behind: [RowView]
    public let hasBehind: Bool
    /// Behind sub-projects grouped by owner, so each team sees its own list; the owner with most to spend first.
    public let owners: [OwnerView]
    public let hasOwners: Bool
    public let subject: String
    /// Three to four sentences that answer what is behind, by how much, and what must be spent by when.
    public let lead: [String]
    public let projectCount: Int
    public let behindCount: Int
    public let behindCritical: Int
    public let behindWarning: Int
    /// Sum of the behind sub-projects' shortfalls (ahead sub-projects do not offset it).
    public let behindShortfall: String
    public let behindShortfallWon: String
    /// Sum of the behind sub-projects' required weekly spend to their next milestone.
    public let behindRequiredWeekly: String
    public let kpis: [KPIView]
    public let hasKPIs: Bool
    /// True when the plan leaves some lines out of 대상액: the report then shows both bases.
    public let hasExcluded: Bool
    /// Rows past their last milestone, with their 31 December projection; the total's is in `total` always.
    public let yearEndRows: [RowView]
    public let hasYearEndRows: Bool
    /// The projected lines the section left out (smaller lapses), or nil.
    public let moreYearEnd: String?
    /// Large projects (`watch_budget`), worst first, in their own section.
    public let watchedRows: [RowView]
    public let hasWatched: Bool
    /// The watched lines the section left out, or nil.
    public let moreWatched: String?
    /// Off for the e-mail body: mail clients drop SVG.
    public var includeCharts = true
    /// Every programme with its full table (the plan fits `ReportLimits.detailedProjects`); else `national`.
    public let detailed: Bool
    /// A large plan: a table of programmes, then only the sub-projects that need action (`actionRows`).
    public let national: Bool
    /// Behind sub-projects by shortfall, capped (national shape only).
    public let actionRows: [RowView]
    public let hasActionRows: Bool
    /// What the lists left out, one sentence each, or nil when nothing was left out.
    public let moreOwners: String?
    public let moreProgrammes: String?
    public let moreActions: String?
    /// Kinds with more findings than the limit: count and total, only the largest listed.
    public let findingSummaries: [FindingSummaryView]
    public let hasFindingSummaries: Bool
    /// Where the complete table is (national shape only).
    public let fullTableNote: String?

    public struct FindingSummaryView: Sendable {
        public let kind: String
        public let kindLabel: String
        public let count: Int
        public let line: String
    }

    public struct ProgramView: Sendable {
        public let row: RowView
        public let projects: [RowView]
        public let chart: ChartView?
    }

    public struct OwnerView: Sendable {
        public let owner: String
        public let items: [RowView]
        public let count: Int
        public let shortfall: String
        public let shortfallWon: String
        public let requiredWeekly: String
        public let requiredWeeklyWon: String
        /// The owner's behind sub-projects the list left out, or nil.
        public let more: String?
    }

    public struct FindingView: Sendable {
        public let kind: String
        public let severity: String
        public let severityLabel: String
        public let isCritical: Bool
        public let kindLabel: String
        public let color: String
        public let background: String
        public let subject: String
        public let message: String
        /// An acknowledgement's mark (reason, date), empty when none covers the finding.
        public let ackNote: String
        public let hasAck: Bool
    }

    public struct RowView: Sendable {
        public let id: String
        public let name: String
        /// The name with Markdown table separators escaped.
        public let nameMD: String
        public let owner: String
        public let budget: String
        public let budgetWon: String
        public let executed: String
        public let executedWon: String
        /// The execution rate on the target's base (대상액); on 예산현액 for an excluded line.
        public let executedPercent: String
        /// The execution rate on 예산현액.
        public let budgetExecutedPercent: String
        public let targetPercent: String
        public let gapPP: String
        public let shortfall: String
        public let shortfallWon: String
        public let weekChange: String
        public let velocity: String
        public let hasNextMilestone: Bool
        public let nextBy: String
        public let nextPercent: String
        public let amountLeft: String
        public let requiredWeekly: String
        public let requiredWeeklyWon: String
        /// Whole weeks to the next milestone.
        public let weeksLeft: String
        public let projectedPercent: String
        public let status: String
        public let statusLabel: String
        public let statusIcon: String
        public let isBehind: Bool
        /// Bar widths in percent of the track, capped at 100.
        public let barExecuted: String
        public let barTarget: String
        public let bar: BarView
        /// The wider bar of programme and total rows.
        public let barWide: BarView
        public let statusColor: String
        public let statusBackground: String
        /// Money in 억 without the unit, for narrow Markdown tables headed "(억원)".
        public let budgetShort: String
        public let executedShort: String
        public let shortfallShort: String
        public let weekChangeShort: String
        public let velocityShort: String
        public let requiredWeeklyShort: String
        /// A sub-project outside 대상액.
        public let excluded: Bool
        public let hasExcludedLines: Bool
        public let targetBaseShort: String
        public let targetBaseExecutedShort: String
        public let targetBaseExecutedPercent: String
        /// False for a programme of excluded lines only: it has no 대상액, so no rate or target on it.
        public let hasTargetBase: Bool
        /// The 31 December projection at the current velocity.
        public let yearEndDue: Bool
        public let yearEndExecuted: String
        public let yearEndExecutedShort: String
        public let yearEndPercent: String
        public let lapse: String
        public let lapseWon: String
        public let lapseShort: String
        public let lapsePercent: String
    }
}

extension ReportView {
    /// The view of `report` within `limits`: rows beyond them are left to projects.csv, findings to report.json.
    public init(_ report: WeekReport, limits: ReportLimits = .report) {
        week = report.week.description
        asOf = report.asOf.description
        generatedAt = report.generatedAt
        total = RowView(report.total)
        let projectCount = report.programs.reduce(0) { $0 + $1.projects.count }
        self.projectCount = projectCount
        detailed = projectCount <= limits.detailedProjects
        national = !detailed
        let sortedPrograms = report.programs.sorted { ($0.row.status, $0.row.shortfall) > ($1.row.status, $1.row.shortfall) }
        if detailed {
            let seriesByID = Dictionary(report.series.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            programs = sortedPrograms.map { p in
                ProgramView(row: RowView(p.row), projects: p.projects
                    .sorted { ($0.status, $0.gapPP) > ($1.status, $1.gapPP) }
                    .map(RowView.init),
                    chart: seriesByID[p.row.id].flatMap { ChartView($0, row: p.row, asOf: report.asOf) })
            }
            moreProgrammes = nil
        } else {
            // The programme table: one line each, worst first; their sub-projects are in projects.csv.
            programs = sortedPrograms.prefix(limits.programmes).map { ProgramView(row: RowView($0.row), projects: [], chart: nil) }
            moreProgrammes = Vocabulary.moreProgrammes(sortedPrograms.count - programs.count, of: sortedPrograms.count)
        }
        let groups = FindingGroup.groups(report.findings, keep: limits.findingsPerKind)
        let summarised = groups.filter { $0.count > limits.findingsPerKind }
        if summarised.isEmpty {
            findings = report.findings.map(FindingView.init)
        } else {
            // Kinds over the limit keep their largest findings, in the report's worst-first order.
            var keep = Set<Finding>()
            for group in summarised { keep.formUnion(group.largest) }
            let over = Set(summarised.map(\.kind))
            findings = report.findings.filter { !over.contains($0.kind) || keep.contains($0) }.map(FindingView.init)
        }
        findingSummaries = summarised.map {
            FindingSummaryView(kind: $0.kind.rawValue, kindLabel: Vocabulary.label($0.kind), count: $0.count,
                               line: Vocabulary.findingSummary($0))
        }
        hasFindingSummaries = !findingSummaries.isEmpty
        hasFindings = !findings.isEmpty
        criticalCount = report.findings.count { $0.severity == .critical }
        warningCount = report.findings.count { $0.severity == .warning }
        let behindRows = report.programs.flatMap(\.projects).filter { $0.status != .onTrack }
            .sorted { ($0.shortfall, $0.id) > ($1.shortfall, $1.id) }
        behind = behindRows.prefix(limits.actionRows).map(RowView.init)
        hasBehind = !behindRows.isEmpty
        actionRows = national ? behind : []
        hasActionRows = !actionRows.isEmpty
        moreActions = national ? Vocabulary.moreProjects(behindRows.count - actionRows.count, of: behindRows.count) : nil
        fullTableNote = national ? Vocabulary.fullTableNote(projects: projectCount) : nil
        let actions = report.ownerActions
        owners = actions.prefix(limits.owners).map { OwnerView($0, limit: limits.itemsPerOwner) }
        moreOwners = Vocabulary.moreOwners(actions.count - owners.count, of: actions.count)
        hasOwners = !owners.isEmpty
        hasExcluded = report.total.hasExcludedLines
        // After the last milestone every line is due a projection: at national scale, the largest lapses only.
        let yearEnd = report.programs.flatMap { [$0.row] + $0.projects }.filter(\.yearEndDue)
            .sorted { ($0.yearEnd.lapse, $0.id) > ($1.yearEnd.lapse, $1.id) }
        yearEndRows = yearEnd.prefix(limits.actionRows).map(RowView.init)
        moreYearEnd = Vocabulary.moreYearEnd(yearEnd.count - yearEndRows.count, of: yearEnd.count)
        hasYearEndRows = !yearEndRows.isEmpty
        let watched = report.programs.flatMap(\.projects).filter(\.watched)
            .sorted { ($0.status, $0.shortfall, $1.id) > ($1.status, $1.shortfall, $0.id) }
        watchedRows = watched.prefix(limits.actionRows).map(RowView.init)
        moreWatched = Vocabulary.moreWatched(watched.count - watchedRows.count, of: watched.count)
        hasWatched = !watchedRows.isEmpty
        kpis = report.kpis.map(KPIView.init)
        hasKPIs = !kpis.isEmpty
        behindCount = behindRows.count
        behindCritical = behindRows.count { $0.status == .critical }
        behindWarning = behindRows.count { $0.status == .warning }
        let behindSum = behindRows.reduce(Won(0)) { $0 + $1.shortfall }
        behindShortfall = WonFormat.eok(behindSum)
        behindShortfallWon = WonFormat.full(behindSum)
        let behindWeekly = behindRows.reduce(Won(0)) { $0 + ($1.nextMilestone?.requiredWeekly ?? 0) }
        behindRequiredWeekly = WonFormat.eok(behindWeekly)
        lead = Self.lead(report, behindRows: behindRows, projectCount: projectCount, behindSum: behindSum, behindWeekly: behindWeekly)
        let t = report.total
        var line = "\(week)(\(asOf) 기준): 세부사업 \(projectCount)개 중 \(behindRows.count)개가 조기집행 목표에 미달. "
            + "전체 집행률 \(WonFormat.decimal(t.targetBaseExecutedPercent))% (목표 \(WonFormat.decimal(t.targetPercent))%)"
        line += t.shortfall > 0 ? ", 부족액 \(WonFormat.eok(t.shortfall))." : ", 목표 달성."
        if let next = t.nextMilestone, next.amountLeft > 0 {
            line += " \(next.date)까지 \(WonFormat.decimal(next.percent, places: 0))% 달성에 \(WonFormat.eok(next.amountLeft)) 더 집행해야 합니다(주당 \(WonFormat.eok(next.requiredWeekly)))."
        }
        headline = line
        let worst = report.findings.first?.severity
        let tag = worst.flatMap { $0 >= .warning ? "[\(Vocabulary.label($0))] " : nil } ?? ""
        subject = "\(tag)조기집행 주간 점검 \(week): 집행률 \(WonFormat.decimal(t.targetBaseExecutedPercent))% (목표 \(WonFormat.decimal(t.targetPercent))%), 미달 \(behindRows.count)건"
    }
}

extension ReportView.RowView {
    init(_ row: ExecutionRow) {
        id = row.id
        name = row.name
        nameMD = row.name.replacingOccurrences(of: "|", with: "\\|")
        owner = row.owner ?? ""
        budget = WonFormat.eok(row.budget)
        budgetWon = WonFormat.full(row.budget)
        executed = WonFormat.eok(row.executed)
        executedWon = WonFormat.full(row.executed)
        // The rate beside the target is on the target's base (대상액); an excluded line shows its rate on 예산현액.
        let rate = row.excluded ? row.executedPercent : row.targetBaseExecutedPercent
        executedPercent = WonFormat.decimal(rate)
        budgetExecutedPercent = WonFormat.decimal(row.executedPercent)
        targetPercent = WonFormat.decimal(row.targetPercent)
        gapPP = WonFormat.decimal(row.gapPP)
        shortfall = WonFormat.eok(row.shortfall)
        shortfallWon = WonFormat.full(row.shortfall)
        weekChange = WonFormat.eok(row.weekChange)
        velocity = WonFormat.eok(row.velocity)
        hasNextMilestone = row.nextMilestone != nil
        nextBy = row.nextMilestone?.date.description ?? ""
        nextPercent = row.nextMilestone.map { WonFormat.decimal($0.percent, places: 0) } ?? ""
        amountLeft = row.nextMilestone.map { WonFormat.eok($0.amountLeft) } ?? ""
        requiredWeekly = row.nextMilestone.map { WonFormat.eok($0.requiredWeekly) } ?? ""
        requiredWeeklyWon = row.nextMilestone.map { WonFormat.full($0.requiredWeekly) } ?? ""
        weeksLeft = row.nextMilestone.map { "\($0.weeksLeft)" } ?? ""
        projectedPercent = row.projectedPercent.map { WonFormat.decimal($0) } ?? ""
        status = row.status.rawValue
        statusLabel = Vocabulary.label(row.status)
        statusIcon = row.status.icon
        isBehind = row.status != .onTrack
        barExecuted = WonFormat.decimal(min(100, max(0, rate)))
        barTarget = WonFormat.decimal(min(100, max(0, row.targetPercent)))
        bar = BarView(executed: rate, target: row.targetPercent, status: row.status)
        barWide = BarView(executed: rate, target: row.targetPercent, status: row.status, width: 260)
        statusColor = BarView.fillColor(row.status)
        statusBackground = switch row.status {
        case .onTrack: "#e6f4ea"
        case .warning: "#fdf3d8"
        case .critical: "#fde2e1"
        }
        func short(_ amount: Won) -> String { String(WonFormat.eok(amount).dropLast(2)) }
        budgetShort = short(row.budget)
        executedShort = short(row.executed)
        shortfallShort = short(row.shortfall)
        weekChangeShort = short(row.weekChange)
        velocityShort = short(row.velocity)
        requiredWeeklyShort = row.nextMilestone.map { short($0.requiredWeekly) } ?? ""
        excluded = row.excluded
        hasExcludedLines = row.hasExcludedLines
        targetBaseShort = short(row.targetBase)
        targetBaseExecutedShort = short(row.targetBaseExecuted)
        targetBaseExecutedPercent = row.excluded ? "" : WonFormat.decimal(row.targetBaseExecutedPercent)
        hasTargetBase = row.targetBase > 0
        yearEndDue = row.yearEndDue
        yearEndExecuted = WonFormat.eok(row.yearEnd.executed)
        yearEndExecutedShort = short(row.yearEnd.executed)
        yearEndPercent = WonFormat.decimal(row.yearEndPercent)
        lapse = WonFormat.eok(row.yearEnd.lapse)
        lapseWon = WonFormat.full(row.yearEnd.lapse)
        lapseShort = short(row.yearEnd.lapse)
        lapsePercent = WonFormat.decimal(row.lapsePercent)
    }
}

extension ReportView.FindingView {
    init(_ finding: Finding) {
        kind = finding.kind.rawValue
        severity = finding.severity.rawValue
        severityLabel = Vocabulary.label(finding.severity)
        isCritical = finding.severity == .critical
        kindLabel = Vocabulary.label(finding.kind)
        (color, background) = switch finding.severity {
        case .critical: ("#c53030", "#fde2e1")
        case .warning: ("#975a16", "#fdf3d8")
        case .info: ("#52606d", "#eef2f7")
        }
        subject = [finding.program, finding.project].compactMap { $0 }.joined(separator: "/")
        message = Vocabulary.message(finding)
        ackNote = finding.ackState.map(Vocabulary.note) ?? ""
        hasAck = finding.ackState != nil
    }
}

extension ReportView.OwnerView {
    init(_ actions: OwnerActions, limit: Int) {
        owner = actions.owner
        items = actions.items.prefix(limit).map(ReportView.RowView.init)
        more = Vocabulary.moreItems(actions.items.count - items.count)
        count = actions.items.count
        shortfall = WonFormat.eok(actions.shortfall)
        shortfallWon = WonFormat.full(actions.shortfall)
        requiredWeekly = WonFormat.eok(actions.requiredWeekly)
        requiredWeeklyWon = WonFormat.full(actions.requiredWeekly)
    }
}

extension ReportView {
    /// The report's first lines: what is behind, by how much, and what must be spent by when.
    static func lead(_ report: WeekReport, behindRows: [ExecutionRow], projectCount: Int, behindSum: Won, behindWeekly: Won) -> [String] {
        let t = report.total
        var lines: [String] = []
        if behindRows.isEmpty {
            lines.append("미달 없음: 세부사업 \(projectCount)개 모두 조기집행 목표선 안에 있습니다.")
        } else {
            let critical = behindRows.count { $0.status == .critical }
            lines.append("미달 \(behindRows.count)개(\(Vocabulary.label(Status.critical)) \(critical), "
                + "\(Vocabulary.label(Status.warning)) \(behindRows.count - critical)) / 세부사업 \(projectCount)개: "
                + "목표 대비 부족액 합계 \(WonFormat.eok(behindSum))(\(WonFormat.full(behindSum))).")
        }
        var total = "전체 집행률 \(WonFormat.decimal(t.targetBaseExecutedPercent))% / 목표 \(WonFormat.decimal(t.targetPercent))%"
        total += t.shortfall > 0
            ? " (\(WonFormat.decimal(t.gapPP))%p 미달, 부족액 \(WonFormat.eok(t.shortfall))), \(Vocabulary.label(t.status))."
            : " (목표 달성, \(WonFormat.decimal(-t.gapPP))%p 앞섬)."
        lines.append(total)
        if let next = t.nextMilestone, next.amountLeft > 0 {
            var line = "\(next.date)까지 \(WonFormat.decimal(next.percent, places: 0))%: \(WonFormat.eok(next.amountLeft)) 더 집행, "
                + "주당 \(WonFormat.eok(next.requiredWeekly))(\(next.weeksLeft)주)"
            if !behindRows.isEmpty { line += "; 미달 \(behindRows.count)개 사업은 주당 \(WonFormat.eok(behindWeekly))" }
            lines.append(line + ".")
        } else if t.nextMilestone == nil {
            lines.append("올해 남은 목표 시점이 없습니다: 연간 예산 \(WonFormat.eok(t.budget)) 중 \(WonFormat.eok(max(0, t.budget - t.executed))) 미집행.")
        }
        let worst = behindRows.prefix(3).map { "\($0.id) \($0.name) \(WonFormat.eok($0.shortfall))" }
        if !worst.isEmpty { lines.append("부족액 큰 순: " + worst.joined(separator: ", ") + ".") }
        if t.hasExcludedLines {
            lines.append("대상액(인건비·기본경비·법정경비 제외) \(WonFormat.eok(t.targetBase)) 기준 집행률 "
                + "\(WonFormat.decimal(t.targetBaseExecutedPercent))%, 예산현액 \(WonFormat.eok(t.budget)) 기준 "
                + "\(WonFormat.decimal(t.executedPercent))%; 목표·격차·부족액은 대상액 기준.")
        }
        lines.append("연말 전망(최근 4주 평균 속도): 12월 31일까지 \(WonFormat.eok(t.yearEnd.executed))"
            + "(\(WonFormat.decimal(t.yearEndPercent))%) 집행, 불용 예상 \(WonFormat.eok(t.yearEnd.lapse))"
            + "(\(WonFormat.full(t.yearEnd.lapse))).")
        return lines
    }
}
