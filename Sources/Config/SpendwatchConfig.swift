import Budget
import Foundation
import Intake

/// `spendwatch.yml`: where the plan and figures are, where reports go, and who is told.
public struct SpendwatchConfig: Sendable {
    /// The config file itself; relative paths in it are resolved against its folder.
    public let file: String
    public let planPath: String
    /// The plan's time zone: weeks, "the last complete week" and timestamps follow it.
    public let timeZone: TimeZone
    public let source: SourceConfig
    /// `ledger:`, by default `var/spendwatch.sqlite` beside the config file.
    public let ledger: LedgerLocation
    public let outputDirectory: String
    /// The user's template folder; templates found there override the built-in ones by name.
    public let templatesDirectory: String?
    public let thresholds: Thresholds
    public let channels: [ChannelConfig]
    /// Heartbeat, metrics file, failure notices and catch-up.
    public let monitor: MonitorConfig
    /// Values that came from the environment and must never appear in logs or reports.
    public let secrets: [String]
    /// `watch_budget` and `watch_thresholds`: large projects with their own thresholds and section.
    public var watch: WatchRule? = nil
}

/// One delivery channel as configured; the delivery stage interprets the fields of its kind.
public struct ChannelConfig: Sendable {
    public let name: String
    public let kind: String
    public let minSeverity: Severity?
    /// Scalar fields after `${ENV}` expansion, by key.
    public let fields: [String: String]
    /// List fields (such as `to`), by key.
    public let lists: [String: [String]]
    /// The line of the channel in the config file, for error messages.
    public let line: Int?
}
