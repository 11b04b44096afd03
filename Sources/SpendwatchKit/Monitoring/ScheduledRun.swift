import Budget
import Foundation
import Ledger
import Logging
import Reporting
import Transport

/// `spendwatch run`: the weeks that are due, oldest first, each through `WeeklyRun`, watched from outside —
/// a heartbeat, a metrics file, a notice to the `on_failure` channels — and ended by one summary line.
public struct ScheduledRun: Sendable {
    public struct Result: Sendable {
        public var status: ExitStatus
        public var outcomes: [WeeklyRun.Outcome]
        /// The error that ended the run, as logged (secrets redacted).
        public var failure: String?
        public var seconds: Double
    }

    public let context: RunContext

    public init(context: RunContext) { self.context = context }

    /// Runs what is due and returns how it went; it never throws: every failure is logged and has its status.
    public func run(_ options: WeeklyRun.Options) -> Result {
        let started = context.now()
        let loaded: LoadedConfig
        let lock: any RunLock
        do {
            loaded = try LoadedConfig.load(path: options.configPath, context: context)
        } catch {
            return finish(Result(status: .of(error), outcomes: [], failure: "\(error)", seconds: 0), started: started)
        }
        do {
            lock = try loaded.acquireRunLock()
        } catch {
            // Another run holds the ledger: it pings and writes the metrics itself; this one only says so.
            return finish(Result(status: .of(error), outcomes: [], failure: loaded.redactor.redact("\(error)"), seconds: 0),
                          started: started)
        }
        defer { lock.release() }
        let heartbeat = Heartbeat(loaded: loaded, logger: context.logger)
        heartbeat?.started()

        var result = Result(status: .done, outcomes: [], failure: nil, seconds: 0)
        var ledger: Ledger?
        var due: [ISOWeek] = []
        var current: ISOWeek?
        do {
            let open = try loaded.openLedgerForRun(logger: context.logger, now: context.now())
            ledger = open
            due = try weeksDue(options, loaded: loaded, ledger: open)
            let weekly = WeeklyRun(context: context)
            for week in due {
                try RunError.checkStop()
                current = week
                var one = options
                one.week = week
                result.outcomes.append(try weekly.run(one, loaded: loaded, ledger: open))
            }
            result.status = Self.status(of: result.outcomes)
        } catch {
            result.status = .of(error)
            result.failure = loaded.redactor.redact("\(error)")
        }
        result.seconds = context.now().timeIntervalSince(started)
        if let failure = result.failure { context.logger.error("\(failure)") }

        writeMetrics(result, loaded: loaded, ledger: ledger)
        let stopped = result.status == .interrupted || result.status == .terminated
        if !result.status.isSuccess, result.status != .tryAgainLater, !stopped {
            let week = (current ?? due.last ?? result.outcomes.last?.week)?.description
            let message = result.failure ?? Vocabulary.meaning(ofExitCode: result.status.rawValue)
            let runID = result.outcomes.last?.runID ?? (try? ledger?.runs(week: current).last?.id) ?? nil
            FailureNotifier(loaded: loaded, context: context).notify(
                FailureNotice(week: week, exitCode: result.status.rawValue, message: message, host: ProcessInfo.processInfo.hostName,
                              at: loaded.timestamp(context.now()), runID: runID), ledger: ledger)
        }
        heartbeat?.finished(result.status)
        return finish(result, started: started, logged: true)
    }

    /// The week asked for, or the weeks a scheduled run owes: after the last week the ledger shows completed,
    /// up to the last complete week, at most `catch_up_weeks` of them, within the plan's fiscal year.
    func weeksDue(_ options: WeeklyRun.Options, loaded: LoadedConfig, ledger: Ledger) throws -> [ISOWeek] {
        if let week = options.week { return [week] }
        let current = loaded.lastCompleteWeek(now: context.now())
        try WeeklyRun.checkWithinFiscalYear(current, loaded: loaded, asked: false)
        let weeks = Self.catchUp(current: current, lastCompleted: try ledger.lastCompletedWeek(),
                                 limit: loaded.config.monitor.catchUpWeeks, fiscalYear: loaded.plan.fiscalYear)
        if weeks.count > 1 {
            context.logger.warning("catching up: \(weeks.dropLast().map(\.description).joined(separator: ", ")) not reported yet; reporting \(weeks.count) weeks, oldest first")
        }
        return weeks
    }

    static func catchUp(current: ISOWeek, lastCompleted: ISOWeek?, limit: Int, fiscalYear: Int) -> [ISOWeek] {
        guard let lastCompleted, lastCompleted < current else { return [current] }
        var week = max(lastCompleted.adding(weeks: 1), current.adding(weeks: -(limit - 1)))
        var weeks: [ISOWeek] = []
        while week <= current {
            if week.sunday.year >= fiscalYear, week.monday.year <= fiscalYear { weeks.append(week) }
            week = week.adding(weeks: 1)
        }
        return weeks.isEmpty ? [current] : weeks
    }

    /// Refused beats pending beats `--fail-on`; each week dispatches the whole outbox, so the last week's
    /// pending count is what the outbox still holds.
    static func status(of outcomes: [WeeklyRun.Outcome]) -> ExitStatus {
        ExitStatus.ofDeliveries(pending: outcomes.last?.pendingDeliveries ?? 0, refused: outcomes.reduce(0) { $0 + $1.refusedDeliveries })
            ?? (outcomes.contains { $0.status == .findingsAtOrAboveThreshold } ? .findingsAtOrAboveThreshold : .done)
    }

    private func writeMetrics(_ result: Result, loaded: LoadedConfig, ledger: Ledger?) {
        guard let path = loaded.config.monitor.metricsTextfile else { return }
        let file = MetricsTextfile(path: path)
        let pending = (try? ledger?.pendingDeliveries().count) ?? nil
        let metrics = MetricsTextfile.metrics(
            status: result.status, finishedAt: context.now(), seconds: result.seconds, report: result.outcomes.last?.report,
            weeksReported: result.outcomes.count, pending: pending, refused: result.outcomes.reduce(0) { $0 + $1.refusedDeliveries },
            version: BuildInfo.version, commit: BuildInfo.commit, previous: file.previous())
        do {
            try file.write(metrics)
        } catch {
            context.logger.error("metrics not written: \(error)")
        }
    }

    /// The run's last line: one summary, with numbers as numbers under `--log-format json`.
    private func finish(_ result: Result, started: Date, logged: Bool = false) -> Result {
        var result = result
        if !logged, let failure = result.failure { context.logger.error("\(failure)") }
        if result.seconds == 0 { result.seconds = context.now().timeIntervalSince(started) }
        let findings = result.outcomes.reduce(0) { $0 + $1.report.findings.count }
        let sent = result.outcomes.reduce(0) { $0 + $1.sentDeliveries }
        let pending = result.outcomes.last?.pendingDeliveries ?? 0
        let refused = result.outcomes.reduce(0) { $0 + $1.refusedDeliveries }
        let stopped = result.status == .interrupted || result.status == .terminated
        let outcome = stopped ? "interrupted" : result.failure == nil ? (result.status == .done || result.status == .findingsAtOrAboveThreshold ? "done"
                                                  : result.status == .deliveryRefused ? "deliveries-refused" : "pending-deliveries")
                                            : "failed"
        let reported = result.outcomes.map(\.week.description)
        let metadata: Logger.Metadata = [
            "summary": .stringConvertible(true),
            "outcome": "\(outcome)",
            "exit_code": .stringConvertible(Int(result.status.rawValue)),
            "duration_seconds": .stringConvertible((result.seconds * 1000).rounded() / 1000),
            "weeks": .array(reported.map { .string($0) }),
            "findings": .stringConvertible(findings),
            "deliveries_sent": .stringConvertible(sent),
            "deliveries_pending": .stringConvertible(pending),
            "deliveries_refused": .stringConvertible(refused),
        ]
        var summary = context.logger
        if let runID = result.outcomes.last?.runID { summary[metadataKey: "run_id"] = .stringConvertible(runID) }
        summary.info("run \(outcome), exit \(result.status.rawValue), \(String(format: "%.2f", result.seconds)) s: weeks \(reported.isEmpty ? "none" : reported.joined(separator: ", ")), \(findings) findings, deliveries \(sent) sent, \(pending) pending, \(refused) refused",
                     metadata: metadata)
        return result
    }
}
