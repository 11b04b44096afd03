import Budget
import Foundation

/// `spendwatch.yml`: where the plan and figures are, where reports go, and who is told.
public struct SpendwatchConfig: Sendable {
    /// The config file itself; relative paths in it are resolved against its folder.
    public let file: String
    public let planPath: String
    public let timezone: String
    public let source: SourceConfig
    public let ledger: String?
    public let outputDirectory: String
    /// The user's template folder; templates found there override the built-in ones by name.
    public let templatesDirectory: String?
    public let thresholds: Thresholds
    public let channels: [ChannelConfig]
    /// Values that came from the environment and must never appear in logs or reports.
    public let secrets: [String]
}

/// Where the week's figures come from and how to read them.
public struct SourceConfig: Sendable {
    public enum Format: String, Sendable { case csv, json }
    public enum Kind: String, Sendable { case cumulative, transactions }
    public enum Encoding: String, Sendable { case auto, utf8 = "utf-8", cp949 }

    /// A `file:` path (resolved) or an http(s) URL; `{week}` is replaced by the week asked for.
    public let url: String
    public let format: Format
    public let kind: Kind
    public let encoding: Encoding
    public let headers: [(name: String, value: String)]
    /// Logical field → column name in the source.
    public let columns: [String: String]
    /// KPI id → column name, for sources that also report KPIs (jobs created, people trained).
    public let kpiColumns: [String: String]

    public init(url: String, format: Format = .csv, kind: Kind = .cumulative, encoding: Encoding = .auto,
                headers: [(name: String, value: String)] = [], columns: [String: String] = [:], kpiColumns: [String: String] = [:]) {
        self.kpiColumns = kpiColumns
        self.url = url
        self.format = format
        self.kind = kind
        self.encoding = encoding
        self.headers = headers
        self.columns = columns
    }

    /// The URL for `week`.
    public func url(for week: ISOWeek) -> String {
        url.replacingOccurrences(of: "{week}", with: week.description)
    }

    /// The source column that holds `field`.
    public func column(_ field: String) -> String { columns[field] ?? field }
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
