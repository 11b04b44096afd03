import Delivery
import Budget
import Config
import Foundation
import Ledger
import Reporting
import Transport

/// `spendwatch validate`: every check a run depends on, without writing anything anywhere.
///
/// It neither creates the ledger nor the output folders: it only asks whether they could be written.
public struct Validation: Sendable {
    /// One thing wrong, with the exit status it stands for.
    public struct Problem: Sendable, CustomStringConvertible {
        public let area: String
        public let message: String
        public let status: ExitStatus
        public var description: String { "\(area): \(message)" }
    }

    public struct Result: Sendable {
        /// One line per check, for people.
        public var lines: [String] = []
        public var problems: [Problem] = []
        /// 0 when all is well, else the status of the first problem (checks run config first).
        public var status: ExitStatus { problems.first?.status ?? .done }

        mutating func ok(_ area: String, _ detail: String) { lines.append("ok    \(pad(area)) \(detail)") }

        /// Not a problem yet, but one that is coming: shown, and `validate` still exits 0.
        mutating func warn(_ area: String, _ message: String) { lines.append("warn  \(pad(area)) \(message)") }

        mutating func fail(_ area: String, _ message: String, _ status: ExitStatus) {
            lines.append("FAIL  \(pad(area)) \(message)")
            problems.append(Problem(area: area, message: message, status: status))
        }

        private func pad(_ s: String) -> String { s.count >= 9 ? s : s + String(repeating: " ", count: 9 - s.count) }
    }

    public let context: RunContext

    public init(context: RunContext) { self.context = context }

    public func check(configPath: String) -> Result {
        var result = Result()
        let config: SpendwatchConfig
        do {
            config = try ConfigLoader.load(path: configPath, environment: context.environment)
            result.ok("config", config.file)
        } catch let ConfigError.problems(list) {
            for problem in list { result.fail("config", problem.description, .badConfig) }
            return result
        } catch {
            result.fail("config", "\(error)", .badConfig)
            return result
        }
        do {
            let plan = try PlanLoader.load(path: config.planPath)
            let projects = plan.programs.reduce(0) { $0 + $1.projects.count }
            result.ok("plan", "\(config.planPath) (\(plan.fiscalYear), \(plan.programs.count) programmes, \(projects) sub-projects, \(WonFormat.eok(plan.budget)))")
            checkFiscalYear(plan, config, into: &result)
        } catch let ConfigError.problems(list) {
            for problem in list { result.fail("plan", problem.description, .badConfig) }
        } catch {
            result.fail("plan", "\(error)", .badConfig)
        }
        do {
            let templates = try TemplateSet(builtIn: BuiltInTemplates.directory(environment: context.environment),
                                            overrides: config.templatesDirectory)
            result.ok("templates", templates.origins.keys.sorted().joined(separator: ", "))
        } catch {
            result.fail("templates", "\(error)", .badConfig)
        }
        checkChannels(config, into: &result)
        checkSource(config, into: &result)
        checkWritable(config, into: &result)
        return result
    }

    /// How many coming Monday runs `validate` looks ahead to, so a plan that runs out is noticed in time.
    static let lookAheadWeeks = 4

    /// The scheduled run reports the last complete week; with last year's plan it exits 78. `validate` warns
    /// when that is so now, or will be within the next few Mondays, so the next year's plan is put in place in time.
    func checkFiscalYear(_ plan: Plan, _ config: SpendwatchConfig, into result: inout Result) {
        let current = WeekClock(timeZone: config.timeZone).lastCompleteWeek(now: context.now())
        func covered(_ week: ISOWeek) -> Bool { week.sunday.year >= plan.fiscalYear && week.monday.year <= plan.fiscalYear }
        guard covered(current) else {
            // A warning, not a failure: back periods (`--week`, `backfill`) still run on this plan.
            result.warn("plan", "a scheduled run now would report \(current) (\(current.monday) – \(current.sunday)), outside fiscal year \(plan.fiscalYear) of \(config.planPath), and exit 78: put the \(current.sunday.year) plan in place (runs with --week \(plan.fiscalYear)-Wnn still work)")
            return
        }
        let coming = (1...Self.lookAheadWeeks).map { current.adding(weeks: $0) }
        if let first = coming.first(where: { !covered($0) }) {
            let monday = first.sunday.adding(days: 1)
            result.warn("plan", "fiscal year \(plan.fiscalYear) ends before \(first): from the run of Monday \(monday) on, scheduled runs exit 78 until the \(first.sunday.year) plan is in \(config.planPath)")
        }
    }

    /// The channels as the run would build them: every problem the delivery stage would refuse, named.
    func checkChannels(_ config: SpendwatchConfig, into result: inout Result) {
        if config.channels.isEmpty { result.ok("channels", "none configured: reports are written, nothing is sent") }
        do {
            for channel in try Channel.all(config, environment: context.environment) {
                let notices = config.monitor.onFailure.contains(channel.name) ? ", failure notices only" : ""
                result.ok("channel", "\(channel.name) (\(channel.kind)\(notices))")
            }
            let monitor = config.monitor
            result.ok("monitor", [monitor.pingURL == nil ? "no heartbeat" : "heartbeat on (not pinged by validate)",
                                  monitor.metricsTextfile.map { "metrics to \($0)" } ?? "no metrics file",
                                  "catches up \(monitor.catchUpWeeks) week\(monitor.catchUpWeeks == 1 ? "" : "s")"].joined(separator: "; "))
        } catch let ConfigError.problems(list) {
            for problem in list { result.fail("channel", problem.description, .badConfig) }
        } catch {
            result.fail("channel", "\(error)", .badConfig)
        }
    }

    /// The source of the last complete week: the file exists and is readable, or the URL answers 2xx in time.
    func checkSource(_ config: SpendwatchConfig, into result: inout Result) {
        let week = WeekClock(timeZone: config.timeZone).lastCompleteWeek(now: context.now())
        let url: String
        switch config.source.location(for: week) {
        case let .file(path):
            if !FileManager.default.fileExists(atPath: path) {
                result.fail("source", "figures not found: \(path)", .inputMissing)
            } else if !FileManager.default.isReadableFile(atPath: path) {
                result.fail("source", "\(path) exists but cannot be read (permissions?)", .inputMissing)
            } else {
                result.ok("source", path)
            }
            return
        case let .http(address):
            url = address
        }
        let redactor = Redactor(secrets: config.secrets)
        let client = HTTPClient(timeouts: context.timeouts, redactor: redactor)
        do {
            let response = try client.fetch(HTTPRequest(url: url, headers: config.source.headers))
            result.ok("source", "\(redactor.redact(url)) answered HTTP \(response.status) (\(response.body.count) bytes)")
        } catch {
            result.fail("source", "unreachable: \(error)", .sourceUnreachable)
        }
    }

    /// The ledger and the output folder could be written; nothing is created to find out.
    func checkWritable(_ config: SpendwatchConfig, into result: inout Result) {
        let ledgerPath: String
        switch config.ledger {
        case let .postgres(url):
            // Connecting creates nothing; the tables are made by the first run's migrations.
            do {
                result.ok("ledger", "\(try PostgresConnection(url: url).displayURL) (PostgreSQL, reachable)")
            } catch {
                result.fail("ledger", "\(error)", .sourceUnreachable)
            }
            return checkFolder("output", config.outputDirectory, into: &result)
        case let .sqlite(path):
            ledgerPath = path
        }
        let files = FileManager.default
        if files.fileExists(atPath: ledgerPath) {
            if files.isWritableFile(atPath: ledgerPath) && files.isReadableFile(atPath: ledgerPath) {
                result.ok("ledger", ledgerPath)
            } else {
                result.fail("ledger", "\(ledgerPath) is not readable and writable", .cannotWriteOutput)
            }
        } else {
            checkFolder("ledger", URL(fileURLWithPath: ledgerPath).deletingLastPathComponent().path, into: &result,
                        note: "\(ledgerPath) (created by the first run)")
        }
        checkFolder("output", config.outputDirectory, into: &result)
    }

    /// A folder that exists and is writable, or whose nearest existing parent is.
    func checkFolder(_ area: String, _ path: String, into result: inout Result, note: String? = nil) {
        let files = FileManager.default
        var folder = URL(fileURLWithPath: path)
        while !files.fileExists(atPath: folder.path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue, files.isWritableFile(atPath: folder.path) {
            result.ok(area, note ?? path)
        } else {
            result.fail(area, "\(path) cannot be written (\(folder.path) is not a writable folder)", .cannotWriteOutput)
        }
    }
}
