import Budget

/// Geometry of one programme's SVG chart: cumulative execution against the early-execution curve.
///
/// Every coordinate is computed here and every label goes through Mustache's escaping, so the
/// template holds only SVG elements and no data is ever written unescaped.
public struct ChartView: Sendable {
    public struct Tick: Sendable {
        public let x: String
        public let y: String
        public let label: String
    }

    public struct Mark: Sendable {
        public let x: String
        public let y: String
        public let label: String
        public let labelX: String
        public let labelY: String
        public let isNext: Bool
        public let isPast: Bool
    }

    public let width: Int
    public let height: Int
    public let left: Int
    public let right: Int
    public let top: Int
    public let bottom: Int
    public let title: String
    public let ariaLabel: String
    public let gridY: [Tick]
    public let ticksX: [Tick]
    public let curvePoints: String
    public let executedPoints: String
    public let milestones: [Mark]
    public let current: Mark
    /// A dashed line from today's figure to the next milestone, when one is ahead.
    public let required: Mark?
    public let requiredFromX: String
    public let requiredFromY: String
    public let todayX: String

    init?(_ series: ExecutionSeries, row: ExecutionRow, asOf: CalendarDate) {
        guard series.budget > 0, let lastPoint = series.points.last else { return nil }
        let (width, height, left, top) = (760, 300, 52, 28)
        let (right, bottom) = (width - 16, height - 34)
        (self.width, self.height, self.left, self.top, self.right, self.bottom) = (width, height, left, top, right, bottom)
        let start = series.start
        let next = series.milestones.first { $0.date > asOf }
        // Show at least four weeks ahead, so a milestone due in two days does not end the chart at today.
        let horizon = series.milestones.first { $0.date >= asOf.adding(days: 28) } ?? series.milestones.last
        let end = max(horizon?.date ?? asOf, asOf)
        let span = Double(max(1, end.days(since: start)))
        let plotWidth = Double(right - left)
        let plotHeight = Double(bottom - top)
        // Up to twice the budget at most: an overspent figure beyond that is clipped at the top, not an axis
        // of a million grid lines.
        let maxPercent = min(200, max(100, series.points.map { percent($0.executed, of: series.budget) }.max() ?? 0))
        func x(_ date: CalendarDate) -> Double { Double(left) + Double(date.days(since: start)) / span * plotWidth }
        func y(_ value: Double) -> Double { Double(bottom) - min(value, maxPercent) / maxPercent * plotHeight }
        func y(_ amount: Won) -> Double { y(percent(amount, of: series.budget)) }
        func f(_ v: Double) -> String { WonFormat.decimal(v) }

        title = "\(series.id) \(series.name): 누적 집행률과 조기집행 목표선"
        gridY = stride(from: 0, through: Int(maxPercent), by: 20).map {
            Tick(x: f(Double(left) - 6), y: f(y(Double($0))), label: "\($0)%")
        }
        var ticks: [Tick] = []
        let year = start.year + 1
        for month in 1...12 {
            guard let first = CalendarDate(year: year, month: month, day: 1), first <= end else { break }
            ticks.append(Tick(x: f(x(first)), y: f(Double(bottom) + 18), label: "\(month)월"))
        }
        ticksX = ticks

        var curve = [(x(start), y(Double(0)))]
        for m in series.milestones where m.date <= end { curve.append((x(m.date), y(m.amount))) }
        curvePoints = curve.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
        var executed = [(x(start), y(Double(0)))]
        for p in series.points { executed.append((x(p.week.sunday), y(p.executed))) }
        executedPoints = executed.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")

        milestones = series.milestones.filter { $0.date <= end }.map { m in
            let mx = x(m.date), my = y(m.amount)
            let (month, day) = (m.date.components.month, m.date.components.day)
            return Mark(x: f(mx), y: f(my), label: "\(month)/\(day) \(WonFormat.decimal(m.percent, places: 0))%",
                        labelX: f(mx - 4), labelY: f(my - 8), isNext: m.date == next?.date, isPast: m.date <= asOf)
        }
        let cx = x(lastPoint.week.sunday), cy = y(lastPoint.executed)
        current = Mark(x: f(cx), y: f(cy), label: "\(lastPoint.week) \(WonFormat.decimal(percent(lastPoint.executed, of: series.budget)))%",
                       labelX: f(cx - 8), labelY: f(cy + 20), isNext: false, isPast: true)
        todayX = f(cx)
        requiredFromX = f(cx)
        requiredFromY = f(cy)
        if let next, let nm = row.nextMilestone, nm.amountLeft > 0 {
            let nx = x(next.date), ny = y(next.amount)
            required = Mark(x: f(nx), y: f(ny), label: "주당 \(WonFormat.eok(nm.requiredWeekly)) 필요",
                            labelX: f(nx + 8), labelY: f(ny + 18), isNext: true, isPast: false)
        } else {
            required = nil
        }
        ariaLabel = "\(series.name): \(lastPoint.week) 누적 집행률 \(WonFormat.decimal(row.targetBaseExecutedPercent))%, 목표 \(WonFormat.decimal(row.targetPercent))%"
    }
}
