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
    /// Sub-projects behind the curve, largest shortfall first.
    public let behind: [RowView]
    public let hasBehind: Bool
    /// Behind sub-projects grouped by owner, so each team sees its own list.
    public let owners: [OwnerView]
    public let subject: String

    public struct ProgramView: Sendable {
        public let row: RowView
        public let projects: [RowView]
    }

    public struct OwnerView: Sendable {
        public let owner: String
        public let items: [RowView]
        public let requiredWeekly: String
    }

    public struct FindingView: Sendable {
        public let kind: String
        public let severity: String
        public let severityLabel: String
        public let isCritical: Bool
        public let subject: String
        public let message: String
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
        public let executedPercent: String
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
        public let projectedPercent: String
        public let status: String
        public let statusLabel: String
        public let statusIcon: String
        public let isBehind: Bool
        /// Bar widths in percent of the track, capped at 100.
        public let barExecuted: String
        public let barTarget: String
    }
}

extension ReportView {
    public init(_ report: WeekReport) {
        week = report.week.description
        asOf = report.asOf.description
        generatedAt = report.generatedAt
        total = RowView(report.total)
        programs = report.programs
            .sorted { ($0.row.status, $0.row.shortfall) > ($1.row.status, $1.row.shortfall) }
            .map { p in
                ProgramView(row: RowView(p.row), projects: p.projects
                    .sorted { ($0.status, $0.gapPP) > ($1.status, $1.gapPP) }
                    .map(RowView.init))
            }
        findings = report.findings.map(FindingView.init)
        hasFindings = !findings.isEmpty
        criticalCount = report.findings.count { $0.severity == .critical }
        warningCount = report.findings.count { $0.severity == .warning }
        let behindRows = report.programs.flatMap(\.projects).filter { $0.status != .onTrack }
            .sorted { ($0.shortfall, $0.id) > ($1.shortfall, $1.id) }
        behind = behindRows.map(RowView.init)
        hasBehind = !behind.isEmpty
        owners = Dictionary(grouping: behindRows) { $0.owner ?? "-" }
            .map { owner, rows in
                OwnerView(owner: owner, items: rows.map(RowView.init),
                          requiredWeekly: WonFormat.eok(rows.reduce(0) { $0 + ($1.nextMilestone?.requiredWeekly ?? 0) }))
            }
            .sorted { $0.owner < $1.owner }
        let projectCount = report.programs.reduce(0) { $0 + $1.projects.count }
        let t = report.total
        var line = "\(week)(\(asOf) 기준): 세부사업 \(projectCount)개 중 \(behindRows.count)개가 조기집행 목표에 미달. "
            + "전체 집행률 \(WonFormat.decimal(t.executedPercent))% (목표 \(WonFormat.decimal(t.targetPercent))%)"
        line += t.shortfall > 0 ? ", 부족액 \(WonFormat.eok(t.shortfall))." : ", 목표 달성."
        if let next = t.nextMilestone, next.amountLeft > 0 {
            line += " \(next.date)까지 \(WonFormat.decimal(next.percent, places: 0))% 달성에 \(WonFormat.eok(next.amountLeft)) 더 집행해야 합니다(주당 \(WonFormat.eok(next.requiredWeekly)))."
        }
        headline = line
        let worst = report.findings.first?.severity
        let tag = worst == .critical ? "[위험] " : worst == .warning ? "[주의] " : ""
        subject = "\(tag)조기집행 주간 점검 \(week): 집행률 \(WonFormat.decimal(t.executedPercent))% (목표 \(WonFormat.decimal(t.targetPercent))%), 미달 \(behindRows.count)건"
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
        executedPercent = WonFormat.decimal(row.executedPercent)
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
        projectedPercent = row.projectedPercent.map { WonFormat.decimal($0) } ?? ""
        status = row.status.rawValue
        switch row.status {
        case .onTrack: statusLabel = "정상"; statusIcon = "🟢"
        case .warning: statusLabel = "주의"; statusIcon = "🟡"
        case .critical: statusLabel = "위험"; statusIcon = "🔴"
        }
        isBehind = row.status != .onTrack
        barExecuted = WonFormat.decimal(min(100, max(0, row.executedPercent)))
        barTarget = WonFormat.decimal(min(100, max(0, row.targetPercent)))
    }
}

extension ReportView.FindingView {
    init(_ finding: Finding) {
        kind = finding.kind.rawValue
        severity = finding.severity.rawValue
        severityLabel = switch finding.severity {
        case .critical: "위험"
        case .warning: "주의"
        case .info: "참고"
        }
        isCritical = finding.severity == .critical
        subject = [finding.program, finding.project].compactMap { $0 }.joined(separator: "/")
        message = finding.message
    }
}
