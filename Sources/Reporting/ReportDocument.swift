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
        public let message: String
    }
}

extension ReportDocument {
    public init(_ report: WeekReport) {
        week = report.week.description
        asOf = report.asOf.description
        generatedAt = report.generatedAt
        total = Row(report.total)
        programs = report.programs.map { ProgramRow(row: Row($0.row), projects: $0.projects.map(Row.init)) }
        findings = report.findings.map {
            FindingEntry(kind: $0.kind.rawValue, severity: $0.severity.rawValue, program: $0.program, project: $0.project, message: $0.message)
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

extension ReportDocument.Row {
    init(_ row: ExecutionRow) {
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
    }
}

func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
