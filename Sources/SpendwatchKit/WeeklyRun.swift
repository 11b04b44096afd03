import Budget
import Config
import Foundation
import Intake
import Logging
import Reporting
import Transport

/// One week through the pipeline: intake → compare → render → write.
public struct WeeklyRun: Sendable {
    public struct Options: Sendable {
        public var configPath: String
        public var week: ISOWeek?
        public var outputDirectory: String?
        public var dryRun: Bool

        public init(configPath: String, week: ISOWeek? = nil, outputDirectory: String? = nil, dryRun: Bool = false) {
            self.configPath = configPath
            self.week = week
            self.outputDirectory = outputDirectory
            self.dryRun = dryRun
        }
    }

    public struct Outcome: Sendable {
        public let week: ISOWeek
        public let report: WeekReport
        public let rendered: RenderedReport
        public let directory: String
    }

    public let context: RunContext

    public init(context: RunContext) { self.context = context }

    public func run(_ options: Options) throws -> Outcome {
        let loaded = try LoadedConfig.load(path: options.configPath, context: context)
        let week = options.week ?? loaded.lastCompleteWeek(now: context.now())
        let logger = context.logger
        logger.info("reporting \(week)", metadata: ["config": "\(options.configPath)"])

        let source = loaded.config.source
        let url = source.url(for: week)
        let figures: [Figure]
        if source.kind == .transactions {
            // Payments stream from a local file; a remote one is fetched first, then read the same way.
            let reader = TransactionsReader(columns: source.columns, encoding: source.encoding.rawValue)
            figures = url.hasPrefix("file:") ? try reader.read(path: String(url.dropFirst(5)))
                : try reader.read(SourceFetcher(client: loaded.httpClient).fetch(url: url, headers: source.headers))
        } else {
            let document = try SourceFetcher(client: loaded.httpClient).fetch(url: url, headers: source.headers)
            figures = try FiguresReader(columns: source.columns, kpiColumns: source.kpiColumns, format: source.format.rawValue, encoding: source.encoding.rawValue)
                .read(document)
        }
        logger.info("read \(figures.count) figures", metadata: ["source": "\(loaded.redactor.redact(url))"])

        let report = WeeklyComparison(plan: loaded.plan, thresholds: loaded.config.thresholds)
            .report(week: week, history: FigureHistory(figures), generatedAt: loaded.timestamp(context.now()))
        let rendered = try RenderedReport(report, templates: loaded.templates)
        let directory = URL(fileURLWithPath: options.outputDirectory ?? loaded.config.outputDirectory)
            .appendingPathComponent(week.description).path
        do {
            try rendered.write(to: directory)
        } catch {
            throw RunError.cannotWrite(path: directory, reason: (error as NSError).localizedDescription)
        }
        logger.info("wrote \(directory)/report.{md,html,json}", metadata: [
            "findings": "\(report.findings.count)", "status": "\(report.total.status.rawValue)",
        ])
        return Outcome(week: week, report: report, rendered: rendered, directory: directory)
    }
}

/// The config, plan and templates of a run, loaded and checked together.
struct LoadedConfig: Sendable {
    let config: SpendwatchConfig
    let plan: Plan
    let templates: TemplateSet
    let timeZone: TimeZone
    let redactor: Redactor
    let httpClient: HTTPClient

    static func load(path: String, context: RunContext) throws -> LoadedConfig {
        let config = try ConfigLoader.load(path: path, environment: context.environment)
        let plan = try PlanLoader.load(path: config.planPath)
        let templates = try TemplateSet(builtIn: BuiltInTemplates.directory(environment: context.environment),
                                        overrides: config.templatesDirectory)
        let redactor = Redactor(secrets: config.secrets)
        return LoadedConfig(config: config, plan: plan, templates: templates,
                            timeZone: TimeZone(identifier: config.timezone) ?? TimeZone(identifier: "Asia/Seoul")!,
                            redactor: redactor,
                            httpClient: HTTPClient(timeouts: context.timeouts, redactor: redactor))
    }

    /// The calendar day of `date` in the plan's time zone.
    func day(of date: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The last week whose Sunday has passed in the plan's time zone.
    func lastCompleteWeek(now: Date) -> ISOWeek {
        ISOWeek(containing: day(of: now)).adding(weeks: -1)
    }

    /// ISO 8601 with the plan's UTC offset, e.g. `2009-06-29T08:00:00+09:00`.
    func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
