import Budget
import Foundation

/// `report.json`: the machine-readable report (schema `spendwatch.report/1`), also the generic webhook's body.
///
/// Money in whole won, percentages rounded to two decimals. Fields are added over time, never renamed.
public struct ReportDocument: Codable, Sendable, Equatable {
    public var schema = "spendwatch.report/1"
    public let week: String
    public let asOf: String
    public let generatedAt: String
    public let total: Row
    public let programs: [ProgramRow]
    public let findings: [FindingEntry]
    /// The plan's KPIs the source carries. Optional so documents written before it still decode.
    public var kpis: [KPIEntry]? = nil
    /// Per owner, the behind sub-projects and the weekly spend they need.
    public var actions: [OwnerEntry]? = nil
    /// Cumulative executed per programme and in total, week by week through the report week.
    public var series: [SeriesEntry]? = nil

    public struct KPIEntry: Codable, Sendable, Equatable {
        public let id: String
        public let name: String
        public let unit: String
        public let target: Int64
        public let actual: Int64
        /// What the KPI's curve asks for by the week's Sunday.
        public let expected: Int64
        public let actualPercent: Double
        public let expectedPercent: Double
        public let gapPp: Double
        public let reportingProjects: Int
        public let projectCount: Int
        public let status: String
    }

    public struct OwnerEntry: Codable, Sendable, Equatable {
        public let owner: String
        public let shortfall: Int64
        public let requiredWeekly: Int64
        public let projects: [ActionEntry]
    }

    public struct ActionEntry: Codable, Sendable, Equatable {
        public let id: String
        public let name: String
        public let status: String
        public let shortfall: Int64
        public let nextMilestone: NextMilestoneEntry?
    }

    public struct SeriesEntry: Codable, Sendable, Equatable {
        public let id: String
        public let name: String
        public let budget: Int64
        public let points: [SeriesPoint]
    }

    public struct SeriesPoint: Codable, Sendable, Equatable {
        public let week: String
        public let asOf: String
        public let executed: Int64
        public let target: Int64
    }

    public struct NextMilestoneEntry: Codable, Sendable, Equatable {
        public let by: String
        public let percent: Double
        public let amountLeft: Int64
        public let requiredWeekly: Int64
    }

    public struct Row: Codable, Sendable, Equatable {
        public let id: String
        public let name: String
        public let owner: String?
        public let budget: Int64
        public let executed: Int64
        public let executedPercent: Double
        public let targetPercent: Double
        public let gapPp: Double
        public let shortfall: Int64
        public let weekChange: Int64
        public let velocity: Int64
        public let nextMilestone: NextMilestoneEntry?
        public let projectedPercent: Double?
        public let status: String
        /// True on a sub-project the plan leaves out of 대상액 (인건비, 기본경비, 법정경비); absent otherwise.
        public var excluded: Bool? = nil
        /// 대상액 and what it executed, when the row has excluded lines (else they equal budget and executed).
        /// `target_percent`, `gap_pp` and `shortfall` are on this base.
        public var targetBase: Int64? = nil
        public var targetBaseExecuted: Int64? = nil
        public var targetBaseExecutedPercent: Double? = nil
        /// The 31 December projection: on rows past their last milestone, and on the total always.
        public var yearEnd: YearEndEntry? = nil
        /// True on a large project (`watch_budget`) judged by `watch_thresholds`; absent otherwise.
        public var watched: Bool? = nil
    }

    public struct YearEndEntry: Codable, Sendable, Equatable {
        public let daysLeft: Int
        public let projectedExecuted: Int64
        public let projectedPercent: Double
        /// Projected 불용 in won.
        public let projectedLapse: Int64
        public let lapsePercent: Double
    }

    public struct ProgramRow: Codable, Sendable, Equatable {
        public let row: Row
        public let projects: [Row]

        public init(from decoder: any Decoder) throws {
            row = try Row(from: decoder)
            let container = try decoder.container(keyedBy: Key.self)
            projects = try container.decode([Row].self, forKey: .projects)
        }

        public func encode(to encoder: any Encoder) throws {
            try row.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(projects, forKey: .projects)
        }

        init(row: Row, projects: [Row]) {
            self.row = row
            self.projects = projects
        }

        enum Key: String, CodingKey { case projects }
    }

    public struct FindingEntry: Codable, Sendable, Equatable {
        public let kind: String
        public let severity: String
        public let program: String?
        public let project: String?
        /// The finding in words, as `Vocabulary` renders its facts.
        public let message: String
        /// The money at stake in won (shortfall, excess), when the finding has one.
        public var amount: Int64? = nil
        /// The task force's acknowledgement that covers this finding, when one does.
        public var acknowledged: AcknowledgedEntry? = nil
    }

    public struct AcknowledgedEntry: Codable, Sendable, Equatable {
        /// The ledger's id (`spendwatch ack --remove ID`).
        public let id: Int64
        public let week: String
        public let until: String
        public let reason: String
        /// The severity it was acknowledged at.
        public let severity: String
        /// True: no alert is sent for it. False: its severity rose above the acknowledged one, so it alerts again.
        public let muted: Bool
    }
}

extension ReportDocument {
    public init(_ report: WeekReport) {
        week = report.week.description
        asOf = report.asOf.description
        generatedAt = report.generatedAt
        total = Row(report.total, yearEnd: true)
        programs = report.programs.map { ProgramRow(row: Row($0.row), projects: $0.projects.map { Row($0) }) }
        findings = report.findings.map {
            FindingEntry(kind: $0.kind.rawValue, severity: $0.severity.rawValue, program: $0.program, project: $0.project,
                         message: Vocabulary.message($0), amount: $0.amount, acknowledged: $0.ackState.map(AcknowledgedEntry.init))
        }
        kpis = report.kpis.map {
            KPIEntry(id: $0.id, name: $0.name, unit: $0.unit, target: $0.target, actual: $0.actual, expected: $0.expected,
                     actualPercent: round2($0.actualPercent), expectedPercent: round2($0.expectedPercent), gapPp: round2($0.gapPP),
                     reportingProjects: $0.reportingProjects, projectCount: $0.projectCount, status: $0.status.rawValue)
        }
        actions = report.ownerActions.map { owner in
            OwnerEntry(owner: owner.owner, shortfall: owner.shortfall, requiredWeekly: owner.requiredWeekly, projects: owner.items.map {
                let row = Row($0)
                return ActionEntry(id: row.id, name: row.name, status: row.status, shortfall: row.shortfall, nextMilestone: row.nextMilestone)
            })
        }
        series = report.series.map { s in
            SeriesEntry(id: s.id, name: s.name, budget: s.budget, points: s.points.map {
                SeriesPoint(week: $0.week.description, asOf: $0.week.sunday.description, executed: $0.executed, target: $0.target)
            })
        }
    }

    /// Stable, pretty JSON: the same report gives the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> ReportDocument {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ReportDocument.self, from: data)
    }
}

extension ReportDocument.AcknowledgedEntry {
    init(_ state: Finding.AckState) {
        let (ack, muted) = switch state {
        case let .muted(ack): (ack, true)
        case let .severityRose(ack): (ack, false)
        }
        self.init(id: ack.id, week: ack.week.description, until: ack.until.description, reason: ack.reason,
                  severity: ack.severity.rawValue, muted: muted)
    }
}

extension ReportDocument.Row {
    init(_ row: ExecutionRow, yearEnd showYearEnd: Bool = false) {
        id = row.id
        name = row.name
        owner = row.owner
        budget = row.budget
        executed = row.executed
        executedPercent = round2(row.executedPercent)
        targetPercent = round2(row.targetPercent)
        gapPp = round2(row.gapPP)
        shortfall = row.shortfall
        weekChange = row.weekChange
        velocity = row.velocity
        nextMilestone = row.nextMilestone.map {
            .init(by: $0.date.description, percent: round2($0.percent), amountLeft: $0.amountLeft, requiredWeekly: $0.requiredWeekly)
        }
        projectedPercent = row.projectedPercent.map(round2)
        status = row.status.rawValue
        if row.excluded { excluded = true }
        if row.watched { watched = true }
        if row.hasExcludedLines {
            targetBase = row.targetBase
            targetBaseExecuted = row.targetBaseExecuted
            targetBaseExecutedPercent = round2(row.targetBaseExecutedPercent)
        }
        if showYearEnd || row.yearEndDue {
            yearEnd = .init(daysLeft: row.yearEnd.daysLeft, projectedExecuted: row.yearEnd.executed,
                            projectedPercent: round2(row.yearEndPercent), projectedLapse: row.yearEnd.lapse,
                            lapsePercent: round2(row.lapsePercent))
        }
    }
}

func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
