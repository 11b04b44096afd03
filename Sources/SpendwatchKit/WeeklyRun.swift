import Budget
import Config
import Delivery
import Foundation
import Intake
import Ledger
import Logging
import Reporting
import Transport

/// One week through the pipeline: intake → ledger → compare → render → outbox → deliver (`Stages/`).
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
        /// Deliveries this run handed over (of any week the outbox held).
        public var sentDeliveries: Int = 0
        /// Deliveries still unsent at the end of the run: the run exits 75 and `deliver --pending` sends them later.
        public let pendingDeliveries: Int
        /// Deliveries this run's dispatch saw refused for good (another 4xx, SMTP 5xx, a TLS or login failure):
        /// the run exits 76, and a rerun of the week resends them once the channel is fixed.
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
        let ledger = try loaded.openLedgerForRun(logger: context.logger, now: context.now())
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
        let runID = try ledger.beginRun(week: week, trigger: options.trigger, startedAt: loaded.timestamp(context.now()))
        // Every line this run logs carries its id, so a log search finds what `history` shows.
        var context = self.context
        context.logger[metadataKey: "run_id"] = .stringConvertible(runID)
        do {
            var outcome = try stages(week: week, options, loaded: loaded, ledger: ledger, runID: runID, context: context)
            let undelivered = ExitStatus.ofDeliveries(pending: outcome.pendingDeliveries, refused: outcome.refusedDeliveries)
            if let undelivered {
                outcome.status = undelivered
            } else if let failOn = options.failOn, outcome.report.findings.contains(where: { $0.severity >= failOn }) {
                outcome.status = .findingsAtOrAboveThreshold
            }
            let recorded: RunOutcome = switch undelivered {
            case .deliveryRefused: .deliveriesRefused
            case .tryAgainLater: .pendingDeliveries
            default: .done
            }
            try ledger.finishRun(runID, outcome: recorded, exitCode: outcome.status.rawValue,
                                 finishedAt: loaded.timestamp(context.now()), reportDigest: WeeklyIntake.sha256(outcome.rendered.json),
                                 message: options.dryRun ? dryRunMessage : nil)
            return outcome
        } catch {
            // A transfer aborted by the stop request fails as a transfer; it is the signal that ended it.
            let error: any Error = StopRequest.current.map { RunError.interrupted(signal: $0) } ?? error
            let stopped = if case RunError.interrupted = error { true } else { false }
            try? ledger.finishRun(runID, outcome: stopped ? .interrupted : .failed, exitCode: ExitStatus.of(error).rawValue,
                                  finishedAt: loaded.timestamp(context.now()), message: loaded.redactor.redact("\(error)"))
            throw error
        }
    }

    /// The stages in order; each is one file in `Stages/`.
    func stages(week: ISOWeek, _ options: Options, loaded: LoadedConfig, ledger: Ledger, runID: Int64,
                context: RunContext) throws -> Outcome {
        try RunError.checkStop()
        let intake = try timed("intake", context) { try IntakeStage(loaded: loaded, context: context).run(week: week, ledger: ledger) }
        try RunError.checkStop()
        let history = try timed("ledger", context) {
            try LedgerStage(loaded: loaded, context: context).record(intake, week: week, runID: runID, ledger: ledger)
        }
        let report = try timed("compare", context) {
            try CompareStage(loaded: loaded, context: context).run(week: week, history: history, intake: intake, ledger: ledger, runID: runID)
        }
        try RunError.checkStop()
        let (rendered, directory) = try timed("render", context) {
            try RenderStage(loaded: loaded, context: context).run(report, outputDirectory: options.outputDirectory)
        }
        var summary = Dispatcher.Summary()
        if options.deliver, !loaded.channels.isEmpty {
            try RunError.checkStop()
            try timed("outbox", context) {
                let ownerReports = try OwnerRouting(loaded: loaded, context: context)
                    .reports(week: week, history: history, full: report, ledger: ledger)
                try OutboxStage(loaded: loaded, context: context).run(week: week.description, rendered: rendered, ledger: ledger,
                                                                      dryRun: options.dryRun, force: options.force,
                                                                      ownerReports: ownerReports)
            }
            if !options.dryRun { summary = try DeliverStage(loaded: loaded, context: context).run(ledger: ledger) }
        }
        // Stopped during delivery: what was not sent is pending in the outbox; the run itself was interrupted.
        try RunError.checkStop()
        return Outcome(week: week, report: report, rendered: rendered, directory: directory, runID: runID,
                       sentDeliveries: summary.sent.count, pendingDeliveries: summary.pending.count,
                       refusedDeliveries: summary.failed.count)
    }

    /// Runs one stage and logs its wall time and the peak memory at debug level (`--verbose`): where a slow Monday went.
    private func timed<T>(_ stage: String, _ context: RunContext, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            context.logger.debug("stage \(stage) took \(ContinuousClock.now - start), peak memory so far \(usage.ru_maxrss >> 10) MiB",
                                 metadata: ["stage": "\(stage)"])
        }
        return try body()
    }
}
