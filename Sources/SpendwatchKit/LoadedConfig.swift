import Budget
import Config
import Delivery
import Foundation
import Ledger
import Reporting
import Transport

/// The config, plan, templates and channels of a run, parsed and checked once, together.
struct LoadedConfig: Sendable {
    let config: SpendwatchConfig
    let plan: Plan
    let templates: TemplateSet
    /// Validated before anything is fetched, so a bad channel costs no run.
    let channels: [Channel]
    let redactor: Redactor
    let httpClient: HTTPClient

    var timeZone: TimeZone { config.timeZone }

    static func load(path: String, context: RunContext) throws -> LoadedConfig {
        let config = try ConfigLoader.load(path: path, environment: context.environment)
        let plan = try PlanLoader.load(path: config.planPath)
        let templates = try TemplateSet(builtIn: BuiltInTemplates.directory(environment: context.environment),
                                        overrides: config.templatesDirectory)
        let channels = try Channel.all(config, environment: context.environment)
        let secrets = config.secrets + channels.flatMap(\.secrets)
        context.learnSecrets(secrets)
        let redactor = Redactor(secrets: secrets)
        return LoadedConfig(config: config, plan: plan, templates: templates, channels: channels, redactor: redactor,
                            httpClient: HTTPClient(timeouts: context.timeouts, redactor: redactor))
    }

    /// The ledger of the config, created and migrated when it is new.
    func openLedger() throws -> Ledger {
        switch config.ledger {
        case let .sqlite(path): try Ledger(path: path)
        case let .postgres(url): try Ledger(url: url)
        }
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
