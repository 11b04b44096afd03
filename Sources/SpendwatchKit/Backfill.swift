import Budget
import Foundation
import Ledger
import Logging

/// Back periods, week by week in order, through the same pipeline as the weekly run, under one lock.
///
/// Idempotent: storing the same figures again changes no snapshot, and each week's report is
/// computed from what was known as of that week, so a second backfill writes the same reports.
public struct Backfill: Sendable {
    public struct Options: Sendable {
        public var configPath: String
        public var from: ISOWeek
        public var to: ISOWeek
        /// Send deliveries as the weekly run would; off unless `--deliver`.
        public var deliver: Bool
        public var outputDirectory: String?

        public init(configPath: String, from: ISOWeek, to: ISOWeek, deliver: Bool = false, outputDirectory: String? = nil) {
            self.configPath = configPath
            self.from = from
            self.to = to
            self.deliver = deliver
            self.outputDirectory = outputDirectory
        }

        /// Every week from `from` to `to`, in order.
        public var weeks: [ISOWeek] {
            var out: [ISOWeek] = []
            var week = from
            while week <= to {
                out.append(week)
                week = week.adding(weeks: 1)
            }
            return out
        }
    }

    /// Called before each week (`done` weeks finished of `total`) and once at the end with `week` nil.
    public typealias Progress = (_ done: Int, _ total: Int, _ week: ISOWeek?) -> Void

    public let context: RunContext

    public init(context: RunContext) { self.context = context }

    /// Runs every week; stops at the first week that fails, leaving the weeks before it done.
    public func run(_ options: Options, progress: Progress? = nil) throws -> [WeeklyRun.Outcome] {
        guard options.from <= options.to else {
            throw RunError.usage("--from \(options.from) is after --to \(options.to); give the earlier week first")
        }
        let loaded = try LoadedConfig.load(path: options.configPath, context: context)
        let lock = try loaded.acquireRunLock()
        defer { lock.release() }
        let ledger = try loaded.openLedgerForRun(logger: context.logger, now: context.now())
        // Per-week detail is for a single run; a backfill logs warnings and one summary line.
        var quiet = context
        quiet.logger.logLevel = max(context.logger.logLevel, .warning)
        let weekly = WeeklyRun(context: quiet)
        let weeks = options.weeks
        var outcomes: [WeeklyRun.Outcome] = []
        for (index, week) in weeks.enumerated() {
            progress?(index, weeks.count, week)
            do {
                try RunError.checkStop()
                outcomes.append(try weekly.run(.init(configPath: options.configPath, week: week,
                                                     outputDirectory: options.outputDirectory,
                                                     trigger: .backfill, deliver: options.deliver),
                                               loaded: loaded, ledger: ledger))
            } catch {
                progress?(index, weeks.count, nil)
                context.logger.error("backfill stopped at \(week); \(index) of \(weeks.count) weeks done. Fix the cause and run the backfill again: finished weeks are not changed.")
                throw error
            }
        }
        progress?(weeks.count, weeks.count, nil)
        let findings = outcomes.reduce(0) { $0 + $1.report.findings.count }
        let sent = options.deliver ? "" : ", nothing sent (use --deliver to send)"
        context.logger.info("backfilled \(options.from)…\(options.to): \(weeks.count) weeks, \(findings) findings\(sent)")
        return outcomes
    }
}
