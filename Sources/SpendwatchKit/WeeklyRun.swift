import Budget
import Config
import Foundation
import Intake
import Ledger
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
        public var force: Bool

        public init(configPath: String, week: ISOWeek? = nil, outputDirectory: String? = nil, dryRun: Bool = false,
                    force: Bool = false) {
            self.configPath = configPath
            self.week = week
            self.outputDirectory = outputDirectory
            self.dryRun = dryRun
            self.force = force
        }
    }

    public struct Outcome: Sendable {
        public let week: ISOWeek
        public let report: WeekReport
        public let rendered: RenderedReport
        public let directory: String
        /// Deliveries still unsent at the end of the run: the run exits 75 and `deliver --pending` sends them later.
        public var pendingDeliveries = 0
    }

    public let context: RunContext

    public init(context: RunContext) { self.context = context }

    public func run(_ options: Options) throws -> Outcome {
        let loaded = try LoadedConfig.load(path: options.configPath, context: context)
        let week = options.week ?? loaded.lastCompleteWeek(now: context.now())
        let logger = context.logger
        logger.info("reporting \(week)", metadata: ["config": "\(options.configPath)"])

        let ledger = try loaded.openLedger()
        let delivery = try DeliveryStage(loaded: loaded, context: context)
        let source = loaded.config.source
        let document = try SourceFetcher(client: loaded.httpClient).fetch(url: source.url(for: week), headers: source.headers)
        let figures = try FiguresReader(columns: source.columns, kpiColumns: source.kpiColumns, format: source.format.rawValue, encoding: source.encoding.rawValue)
            .read(document)
        logger.info("read \(figures.count) figures from \(document.name)")

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
        let pending = try delivery.run(week: week.description, rendered: rendered, ledger: ledger,
                                       dryRun: options.dryRun, force: options.force)
        return Outcome(week: week, report: report, rendered: rendered, directory: directory, pendingDeliveries: pending)
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

    /// The ledger of the config (`ledger:`), by default `var/spendwatch.sqlite` beside the config file.
    func openLedger() throws -> Ledger {
        if let url = config.ledger { return try Ledger(url: url) }
        let folder = URL(fileURLWithPath: config.file).deletingLastPathComponent()
        return try Ledger(path: folder.appendingPathComponent("var/spendwatch.sqlite").path)
    }

    /// The last week whose Sunday has passed in the plan's time zone.
    func lastCompleteWeek(now: Date) -> ISOWeek { WeekClock(timeZone: timeZone).lastCompleteWeek(now: now) }

    /// ISO 8601 with the plan's UTC offset, e.g. `2009-06-29T08:00:00+09:00`.
    func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
