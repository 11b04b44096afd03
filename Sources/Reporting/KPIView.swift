import Budget

/// A KPI formatted for the templates: "301명 / 목표 368명 (연간 750명)".
public struct KPIView: Sendable {
    public let id: String
    public let name: String
    public let unit: String
    public let target: String
    public let actual: String
    public let expected: String
    public let actualPercent: String
    public let expectedPercent: String
    public let gapPP: String
    public let shortfall: String
    public let isBehind: Bool
    public let reporting: String
    public let status: String
    public let statusLabel: String
    public let statusIcon: String
    public let statusColor: String
    public let bar: BarView

    init(_ kpi: KPIStatus) {
        func count(_ n: Int64) -> String { WonFormat.grouped(UInt64(max(0, n))) + kpi.unit }
        id = kpi.id
        name = kpi.name
        unit = kpi.unit
        target = count(kpi.target)
        actual = count(kpi.actual)
        expected = count(kpi.expected)
        actualPercent = WonFormat.decimal(kpi.actualPercent)
        expectedPercent = WonFormat.decimal(kpi.expectedPercent)
        gapPP = WonFormat.decimal(kpi.gapPP)
        shortfall = count(kpi.shortfall)
        isBehind = kpi.shortfall > 0
        reporting = "\(kpi.reportingProjects)/\(kpi.projectCount)"
        status = kpi.status.rawValue
        statusLabel = Vocabulary.label(kpi.status)
        statusIcon = kpi.status.icon
        statusColor = BarView.fillColor(kpi.status)
        bar = BarView(executed: kpi.actualPercent, target: kpi.expectedPercent, status: kpi.status)
    }
}

extension Status {
    var icon: String {
        switch self {
        case .onTrack: "🟢"
        case .warning: "🟡"
        case .critical: "🔴"
        }
    }
}
