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
        /// What started the run, recorded in the ledger.
        public var trigger: RunTrigger
        /// Whether the run may send deliveries at all: true for `run`, false for `backfill` without `--deliver`.
        public var deliver: Bool
        /// Findings at or above this severity make the run exit 1 (`--fail-on`).
        public var failOn: Severity?

        public init(configPath: String, week: ISOWeek? = nil, outputDirectory: String? = nil, dryRun: Bool = false,
                    force: Bool = false, trigger: RunTrigger = .manual, deliver: Bool = true, failOn: Severity? = nil) {
            self.failOn = failOn
            self.configPath = configPath
            self.week = week
            self.outputDirectory = outputDirectory
            self.dryRun = dryRun
            self.force = force
            self.trigger = trigger
            self.deliver = deliver
        }
    }

    public struct Outcome: Sendable {
        public let week: ISOWeek
        public let report: WeekReport
        public let rendered: RenderedReport
        public let directory: String
        /// The ledger's id of this run.
        public let runID: Int64
        /// Deliveries still unsent at the end of the run: the run exits 75 and `deliver --pending` sends them later.
        public let pendingDeliveries: Int
        /// Deliveries this run's dispatch saw refused for good (another 4xx, SMTP 5xx, a TLS or login failure):
        /// the run exits 75 too, and a rerun of the week resends them once the channel is fixed.
        public let refusedDeliveries: Int
        /// How the process should exit: undelivered deliveries first, then `--fail-on`.
        public var status: ExitStatus = .done
    }

    public let context: RunContext

    public init(context: RunContext) { self.context = context }

    /// Runs one week under the ledger's run lock.
    public func run(_ options: Options) throws -> Outcome {
        let loaded = try LoadedConfig.load(path: options.configPath, context: context)
        let lock = try loaded.acquireRunLock()
        defer { lock.release() }
        let ledger = try loaded.openLedger()
        return try run(options, loaded: loaded, ledger: ledger)
    }

    /// A week that shares no day with the plan's fiscal year would be compared with a curve that has ended
    /// (100 % due) or not begun: a report full of false alarms. Asked for by `--week`, that is a usage error
    /// (64); reached by the clock (cron in January with last year's plan), the plan is out of date (78).
    static func checkWithinFiscalYear(_ week: ISOWeek, loaded: LoadedConfig, asked: Bool) throws {
        let year = loaded.plan.fiscalYear
        guard week.monday.year > year || week.sunday.year < year else { return }
        if asked {
            throw RunError.usage("\(week) (\(week.monday) – \(week.sunday)) is outside fiscal year \(year) of \(loaded.config.planPath): "
                + "give a week of \(year), or a config whose plan is for \(week.sunday.year)")
        }
        throw RunError.badConfig("the last complete week is \(week), but \(loaded.config.planPath) is the plan for fiscal year \(year): "
            + "put the \(week.sunday.year) plan in place (or run a week of \(year) with --week)")
    }

    /// Runs one week with the lock already held; the ledger records the run however it ends.
    func run(_ options: Options, loaded: LoadedConfig, ledger: Ledger) throws -> Outcome {
        let week = options.week ?? loaded.lastCompleteWeek(now: context.now())
        try Self.checkWithinFiscalYear(week, loaded: loaded, asked: options.week != nil)
        context.logger.info("reporting \(week)", metadata: ["config": "\(options.configPath)", "trigger": "\(options.trigger.rawValue)"])
        // Channels are checked before anything is fetched, so a bad channel costs no run.
        let delivery = try DeliveryStage(loaded: loaded, context: context)
        let runID = try ledger.beginRun(week: week, trigger: options.trigger, startedAt: loaded.timestamp(context.now()))
        do {
            var outcome = try report(week: week, options, loaded: loaded, ledger: ledger, runID: runID, delivery: delivery)
            let pending = outcome.pendingDeliveries + outcome.refusedDeliveries > 0
            if pending {
                outcome.status = .tryAgainLater
            } else if let failOn = options.failOn, outcome.report.findings.contains(where: { $0.severity >= failOn }) {
                outcome.status = .findingsAtOrAboveThreshold
            }
            try ledger.finishRun(runID, outcome: pending ? .pendingDeliveries : .done, exitCode: outcome.status.rawValue,
                                 finishedAt: loaded.timestamp(context.now()), reportDigest: Self.sha256(outcome.rendered.json),
                                 message: options.dryRun ? "dry run" : nil)
            return outcome
        } catch {
            try? ledger.finishRun(runID, outcome: .failed, exitCode: ExitStatus.of(error).rawValue,
                                  finishedAt: loaded.timestamp(context.now()), message: loaded.redactor.redact("\(error)"))
            throw error
        }
    }

    func report(week: ISOWeek, _ options: Options, loaded: LoadedConfig, ledger: Ledger, runID: Int64,
                delivery: DeliveryStage) throws -> Outcome {
        let logger = context.logger
        let fetched = try intake(week: week, loaded: loaded, ledger: ledger, runID: runID)
        // What was known as of the week: the ledger's snapshots up to it, the source's figures just stored.
        let history = try ledger.history(asOf: week)
        let report = WeeklyComparison(plan: loaded.plan, thresholds: loaded.config.thresholds)
            .report(week: week, history: history, generatedAt: loaded.timestamp(context.now()))
            .adding(try historyFindings(week: week, intake: fetched, loaded: loaded, ledger: ledger))
        try ledger.record(findings: report.findings, runID: runID, message: Vocabulary.message)
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
        let undelivered = options.deliver
            ? try delivery.run(week: week.description, rendered: rendered, ledger: ledger, dryRun: options.dryRun, force: options.force)
            : (pending: 0, refused: 0)
        return Outcome(week: week, report: report, rendered: rendered, directory: directory, runID: runID,
                       pendingDeliveries: undelivered.pending, refusedDeliveries: undelivered.refused)
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
                            timeZone: TimeZone(identifier: config.timezone) ?? .current,
                            redactor: redactor,
                            httpClient: HTTPClient(timeouts: context.timeouts, redactor: redactor))
    }

    /// The ledger of the config (`ledger:`), by default `var/spendwatch.sqlite` beside the config file.
    func openLedger() throws -> Ledger {
        if let url = config.ledger, Ledger.isPostgres(url) { return try Ledger(url: url) }
        return try Ledger(path: ledgerPath())
    }

    /// The SQLite file of the ledger, without opening or creating anything.
    func ledgerPath() throws -> String {
        guard let url = config.ledger else {
            let folder = URL(fileURLWithPath: config.file).deletingLastPathComponent()
            return folder.appendingPathComponent("var/spendwatch.sqlite").path
        }
        guard url.hasPrefix("sqlite:") else { throw LedgerError.unsupported(url: url) }
        return String(url.dropFirst("sqlite:".count))
    }

    /// One run at a time per ledger: takes `<ledger>.lock` (or a PostgreSQL ledger's advisory lock)
    /// or fails at once (exit 75).
    func acquireRunLock() throws -> any RunLock {
        if let url = config.ledger, Ledger.isPostgres(url) { return try Ledger.runLock(url: url) }
        return try Ledger.runLock(path: ledgerPath())
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
