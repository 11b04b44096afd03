import Budget
import Config
import Delivery
import Foundation
import Ledger
import Logging
import Reporting
import Transport

/// The config, plan, templates and channels of a run, parsed and checked once, together.
struct LoadedConfig: Sendable {
    let config: SpendwatchConfig
    let plan: Plan
    let templates: TemplateSet
    /// The channels that get the weekly report; validated before anything is fetched, so a bad channel costs no run.
    let channels: [Channel]
    /// The channels named in `on_failure`: they get failure notices, not the report.
    let noticeChannels: [Channel]
    let redactor: Redactor
    let httpClient: HTTPClient

    var timeZone: TimeZone { config.timeZone }

    static func load(path: String, context: RunContext) throws -> LoadedConfig {
        let config = try ConfigLoader.load(path: path, environment: context.environment)
        let plan = try PlanLoader.load(path: config.planPath)
        let templates = try TemplateSet(builtIn: BuiltInTemplates.directory(environment: context.environment),
                                        overrides: config.templatesDirectory)
        let all = try Channel.all(config, environment: context.environment)
        try checkOwners(of: all, config: config, plan: plan)
        let secrets = config.secrets + all.flatMap(\.secrets)
        context.learnSecrets(secrets)
        let redactor = Redactor(secrets: secrets)
        let notices = Set(config.monitor.onFailure)
        return LoadedConfig(config: config, plan: plan, templates: templates, channels: all.filter { !notices.contains($0.name) },
                            noticeChannels: all.filter { notices.contains($0.name) }, redactor: redactor,
                            httpClient: HTTPClient(timeouts: context.timeouts, redactor: redactor))
    }

    /// Every owner a channel's `owners:` names must be an owner of the plan: a misspelt team would get an empty report.
    static func checkOwners(of channels: [Channel], config: SpendwatchConfig, plan: Plan) throws(ConfigError) {
        let known = plan.owners
        let problems = channels.flatMap { channel in
            (channel.owners ?? []).filter { !known.contains($0) }.map { owner in
                ConfigProblem(file: config.file, line: config.channels.first { $0.name == channel.name }?.line,
                              field: "channels[\(channel.name)].owners",
                              message: "'\(owner)' owns no sub-project in \(config.planPath); the plan's owners: \(known.joined(separator: ", "))")
            }
        }
        guard problems.isEmpty else { throw .problems(problems) }
    }

    /// The ledger of the config, created and migrated when it is new.
    func openLedger() throws -> Ledger {
        switch config.ledger {
        case let .sqlite(path): try Ledger(path: path)
        case let .postgres(url): try Ledger(url: url)
        }
    }

    /// The ledger for a run that holds the run lock: runs that never recorded an end were killed, and are
    /// marked `interrupted` now that no other run can be active.
    func openLedgerForRun(logger: Logger, now: Date) throws -> Ledger {
        let ledger = try openLedger()
        for week in try ledger.markInterrupted(at: timestamp(now)) {
            logger.warning("a run of \(week) was interrupted (killed or stopped before it finished); recorded as interrupted",
                           metadata: ["week": "\(week)"])
        }
        return ledger
    }

    /// The ledger as it is, for reading: a ledger no run has made yet is `RunError.noLedger`, not created.
    func openExistingLedger() throws -> Ledger {
        switch config.ledger {
        case let .sqlite(path):
            guard FileManager.default.fileExists(atPath: path) else { throw RunError.noLedger(path: path) }
            return try Ledger(path: path)
        case let .postgres(url):
            guard try PostgresStore.ledgerExists(url: url) else { throw RunError.noLedger(path: config.ledger.description) }
            return try Ledger(url: url)
        }
    }

    /// One run at a time per ledger: takes `<ledger>.lock` (or a PostgreSQL ledger's advisory lock)
    /// or fails at once (exit 75).
    func acquireRunLock() throws -> any RunLock {
        switch config.ledger {
        case let .sqlite(path): try Ledger.runLock(path: path)
        case let .postgres(url): try Ledger.runLock(url: url)
        }
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
