import Budget
import Foundation
import Intake

/// Reads `spendwatch.yml`, expands `${ENV}` and resolves paths against the file's folder.
public enum ConfigLoader {
    public static func load(path: String, environment: [String: String]) throws(ConfigError) -> SpendwatchConfig {
        let root = try YAMLValue.load(path: path, role: "config file")
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        var c = ProblemCollector()
        var secrets: [String] = []

        func text(_ v: YAMLValue) throws(ConfigProblemBox) -> String {
            let expanded = try expand(try v.string(), at: v, environment: environment, secrets: &secrets)
            return expanded
        }
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") ? p : base.appendingPathComponent(p).standardizedFileURL.path
        }

        // A misspelt setting (`outptu: out`) must not be ignored: the run would quietly use the default.
        let knownSettings = ["plan", "timezone", "source", "ledger", "output", "templates", "thresholds", "channels",
                             "monitor", "metrics", "on_failure", "catch_up_weeks",
                             "watch_budget", "watch_thresholds"]
        for (key, value) in root.entries where !knownSettings.contains(key) {
            c.report(value.problem("unknown setting '\(key)'; known: \(knownSettings.joined(separator: ", "))"))
        }
        let planPath = c.attempt { () throws(ConfigProblemBox) -> String in resolve(try text(try root.required("plan"))) }
        let timeZone = c.attempt { () throws(ConfigProblemBox) -> TimeZone in
            let v = root.child("timezone")
            let id = try v?.nonEmptyString() ?? "Asia/Seoul"
            guard let zone = TimeZone(identifier: id) else {
                throw ConfigProblemBox((v ?? root).problem("'\(id)' is not a time zone (e.g. Asia/Seoul)", field: "timezone"))
            }
            return zone
        }
        let source = c.attempt { () throws(ConfigProblemBox) -> SourceConfig in
            let s = try root.required("source")
            let urlValue = try s.required("url")
            let url = try text(urlValue)
            let location: SourceLocation
            if url.hasPrefix("file:") {
                location = .file(path: resolve(String(url.dropFirst(5))))
            } else if url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://") {
                location = .http(url: url)
            } else {
                throw ConfigProblemBox(urlValue.problem("'\(url)' must start with file:, http:// or https://"))
            }
            let knownSource = ["url", "format", "kind", "encoding", "headers", "columns", "kpi_columns", "sheet", "unit", "preset"]
            for (key, value) in s.entries where !knownSource.contains(key) {
                throw ConfigProblemBox(value.problem("unknown field '\(key)'; known: \(knownSource.joined(separator: ", "))"))
            }
            let format = try choice(s.child("format"), default: SourceFormat.csv)
            let kind = try choice(s.child("kind"), default: SourceKind.cumulative)
            if kind == .transactions, format != .csv, let f = s.child("format") {
                throw ConfigProblemBox(f.problem("kind: transactions reads CSV only (it streams payment rows); export the payments as CSV"))
            }
            var sheet: SheetSelector?
            if let v = s.child("sheet") {
                guard format == .xlsx else { throw ConfigProblemBox(v.problem("source.sheet applies to format: xlsx only")) }
                let raw = try v.nonEmptyString()
                if let i = Int(raw) {
                    guard i >= 1 else { throw ConfigProblemBox(v.problem("a sheet's position counts from 1 (the first sheet)")) }
                    sheet = .index(i)
                } else {
                    sheet = .name(raw)
                }
            }
            let unit = try choice(s.child("unit"), default: AmountUnit.won)
            if let v = s.child("unit"), format != .xlsx {
                throw ConfigProblemBox(v.problem("source.unit applies to format: xlsx only; a CSV or JSON source states whole won"))
            }
            let preset: SourcePreset? = try s.child("preset").map { v throws(ConfigProblemBox) in try choice(v, default: SourcePreset.lofin365) }
            let encoding = try choice(s.child("encoding"), default: SourceEncoding.auto)
            var headers: [(String, String)] = []
            if let h = s.child("headers") {
                guard h.node.mapping != nil else { throw ConfigProblemBox(h.problem("expected a mapping of header names to values")) }
                for (key, value) in h.entries {
                    let header = try text(value)
                    // A CR or LF would end the header line and let the rest forge headers or a request.
                    if (key + header).unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                        throw ConfigProblemBox(value.problem("holds a control character (a line break?); a header name and value are one line each",
                                                             field: "source.headers.\(key)"))
                    }
                    headers.append((key, header))
                }
            }
            var columns: [String: String] = [:]
            if let m = s.child("columns") {
                let allowed = ["week", "date", "program", "project", "executed", "amount", "budget", "reported", "committed", "department"]
                for (key, v) in m.entries {
                    guard allowed.contains(key) else {
                        throw ConfigProblemBox(v.problem("unknown field '\(key)'; known: \(allowed.joined(separator: ", "))"))
                    }
                    columns[key] = try v.nonEmptyString()
                }
            }
            var kpiColumns: [String: String] = [:]
            if let m = s.child("kpi_columns") {
                for (key, value) in m.entries { kpiColumns[key] = try value.nonEmptyString() }
            }
            return SourceConfig(location: location, format: format, kind: kind, encoding: encoding, headers: headers,
                                columns: columns, kpiColumns: kpiColumns, sheet: sheet, unit: unit, preset: preset)
        }
        let ledger = c.attempt { () throws(ConfigProblemBox) -> LedgerLocation in
            guard let v = root.child("ledger") else { return .sqlite(path: resolve("var/spendwatch.sqlite")) }
            let raw = try text(v)
            if raw.hasPrefix("sqlite:"), raw.count > "sqlite:".count { return .sqlite(path: resolve(String(raw.dropFirst(7)))) }
            if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") { return .postgres(url: raw) }
            throw ConfigProblemBox(v.problem("'\(LedgerLocation.hidingPassword(raw))' is not a ledger; use sqlite:PATH or postgres://user@host:port/database"))
        }
        let output = c.attempt { () throws(ConfigProblemBox) -> String in 
            guard let v = root.child("output") else { return resolve("out") }
            return resolve(try text(v))
         }
        let templates = c.attempt { () throws(ConfigProblemBox) -> String? in
            guard let v = root.child("templates") else { return nil }
            let folder = resolve(try text(v))
            // A misspelt folder would quietly fall back to the built-in templates.
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ConfigProblemBox(v.problem("template folder \(folder) does not exist; fix the path or remove `templates:` to use the built-in templates"))
            }
            return folder
        } ?? nil
        let thresholds = c.attempt { () throws(ConfigProblemBox) -> Thresholds in
            guard let t = root.child("thresholds") else { return Thresholds() }
            return try Self.thresholds(t, key: "thresholds", defaults: Thresholds())
        }
        // Large projects: `watch_budget` in won and their own `watch_thresholds` (unset keys: the plan-wide ones).
        let watch = c.attempt { () throws(ConfigProblemBox) -> WatchRule? in
            let budgetValue = root.child("watch_budget")
            let limitsValue = root.child("watch_thresholds")
            guard let budgetValue else {
                if let limitsValue {
                    throw ConfigProblemBox(limitsValue.problem("watch_thresholds needs watch_budget (e.g. 5000000000 for ₩50억)", field: "watch_thresholds"))
                }
                return nil
            }
            let budget = try budgetValue.integer()
            guard budget > 0 else { throw ConfigProblemBox(budgetValue.problem("must be more than 0 won", field: "watch_budget")) }
            let base = thresholds ?? Thresholds()
            return WatchRule(budget: budget, thresholds: try limitsValue.map { v throws(ConfigProblemBox) -> Thresholds in
                try Self.thresholds(v, key: "watch_thresholds", defaults: base)
            } ?? base)
        }
        var channels: [ChannelConfig] = []
        if let list = root.child("channels"), let items = c.attempt({ () throws(ConfigProblemBox) -> [YAMLValue] in try list.items() }) {
            var names = Set<String>()
            for item in items {
                if let channel = c.attempt({ () throws(ConfigProblemBox) -> ChannelConfig in
                    let nameValue = try item.required("name")
                    let name = try nameValue.nonEmptyString()
                    guard names.insert(name).inserted else { throw ConfigProblemBox(nameValue.problem("channel name '\(name)' is used twice")) }
                    let kindValue = try item.required("kind")
                    // Which kinds exist, and their fields, is the delivery stage's registry's to say.
                    let kind = try kindValue.nonEmptyString()
                    var fields: [String: String] = [:]
                    var lists: [String: [String]] = [:]
                    for (key, v) in item.entries {
                        if v.node.sequence != nil {
                            lists[key] = try v.items().map { x throws(ConfigProblemBox) -> String in try text(x) }
                        } else {
                            fields[key] = try text(v)
                        }
                    }
                    let severity = try item.child("min_severity").map { v throws(ConfigProblemBox) -> Severity in try choice(v, default: Severity.info) }
                    return ChannelConfig(name: name, kind: kind, minSeverity: severity, fields: fields, lists: lists, line: item.line)
                }) { channels.append(channel) }
            }
        }
        let monitor = c.attempt { () throws(ConfigProblemBox) -> MonitorConfig in
            try monitorConfig(root, channels: channels.map(\.name), environment: environment, resolve: resolve, secrets: &secrets)
        }
        try c.finish()
        // Every field that failed left a problem behind, so with none they are all here.
        guard let planPath, let timeZone, let source, let ledger, let output, let thresholds, let monitor, let watch else {
            throw ConfigError.problems(c.problems)
        }
        return SpendwatchConfig(file: path, planPath: planPath, timeZone: timeZone, source: source, ledger: ledger,
                                outputDirectory: output, templatesDirectory: templates, thresholds: thresholds,
                                channels: channels, monitor: monitor, secrets: secrets.filter { $0.count >= 4 }, watch: watch)
    }

    /// `thresholds:` or `watch_thresholds:`: gap limits in percentage points, stall weeks, lapse shares in percent;
    /// a key left out keeps its value in `defaults`.
    static func thresholds(_ t: YAMLValue, key: String, defaults: Thresholds) throws(ConfigProblemBox) -> Thresholds {
        let knownThresholds = ["warn_gap_pp", "critical_gap_pp", "stall_weeks", "lapse_risk_percent", "lapse_critical_percent"]
        for (name, value) in t.entries where !knownThresholds.contains(name) {
            throw ConfigProblemBox(value.problem("unknown threshold '\(name)'; known: \(knownThresholds.joined(separator: ", "))",
                                                 field: "\(key).\(name)"))
        }
        let warn = try t.child("warn_gap_pp")?.basisPoints() ?? defaults.warnGap
        let critical = try t.child("critical_gap_pp")?.basisPoints() ?? defaults.criticalGap
        let stall = try t.child("stall_weeks")?.integer() ?? Int64(defaults.stallWeeks)
        guard critical >= warn else {
            throw ConfigProblemBox(t.problem("critical_gap_pp must be at least warn_gap_pp", field: "\(key).critical_gap_pp"))
        }
        guard (1...52).contains(stall) else {
            throw ConfigProblemBox(t.problem("must be between 1 and 52", field: "\(key).stall_weeks"))
        }
        let lapseRisk = try t.child("lapse_risk_percent")?.basisPoints() ?? defaults.lapseRisk
        let lapseCritical = try t.child("lapse_critical_percent")?.basisPoints() ?? max(defaults.lapseCritical, lapseRisk)
        guard lapseRisk <= 10_000, lapseCritical <= 10_000 else {
            throw ConfigProblemBox(t.problem("lapse percentages must be between 0 and 100", field: "\(key).lapse_risk_percent"))
        }
        guard lapseCritical >= lapseRisk else {
            throw ConfigProblemBox(t.problem("lapse_critical_percent must be at least lapse_risk_percent", field: "\(key).lapse_critical_percent"))
        }
        return Thresholds(warnGap: warn, criticalGap: critical, stallWeeks: Int(stall), lapseRisk: lapseRisk, lapseCritical: lapseCritical)
    }

    /// `monitor:`, `metrics:`, `on_failure:` and `catch_up_weeks:`.
    static func monitorConfig(_ root: YAMLValue, channels: [String], environment: [String: String], resolve: (String) -> String,
                              secrets: inout [String]) throws(ConfigProblemBox) -> MonitorConfig {
        var monitor = MonitorConfig()
        if let m = root.child("monitor") {
            let known = ["ping_url_env", "ping_url_file"]
            for (key, value) in m.entries where !known.contains(key) {
                if key == "ping_url" {
                    throw ConfigProblemBox(value.problem("the ping URL is the check's secret key: put it in an environment variable and name it with ping_url_env (or a file, with ping_url_file)", field: "monitor.ping_url"))
                }
                throw ConfigProblemBox(value.problem("unknown field '\(key)'; known: \(known.joined(separator: ", "))", field: "monitor.\(key)"))
            }
            let lookup: Result<String, SecretLookup.Failure>
            let field: YAMLValue
            switch (m.child("ping_url_env"), m.child("ping_url_file")) {
            case let (variable?, nil):
                field = variable
                lookup = SecretLookup.variable(try variable.nonEmptyString(), in: environment)
            case let (nil, path?):
                field = path
                lookup = SecretLookup.file(resolve(try path.nonEmptyString()))
            default:
                throw ConfigProblemBox(m.problem("give one of ping_url_env or ping_url_file", field: "monitor"))
            }
            let url: String
            switch lookup {
            case let .success(value): url = value
            case let .failure(failure): throw ConfigProblemBox(field.problem(failure.description))
            }
            let lower = url.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
                throw ConfigProblemBox(field.problem("the ping URL must be an http:// or https:// URL"))
            }
            secrets.append(url)
            monitor.pingURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let m = root.child("metrics") {
            for (key, value) in m.entries where key != "textfile" {
                throw ConfigProblemBox(value.problem("unknown field '\(key)'; known: textfile", field: "metrics.\(key)"))
            }
            let path = resolve(try m.required("textfile").nonEmptyString())
            guard path.hasSuffix(".prom") else {
                // node_exporter's textfile collector reads only `*.prom`: any other name is never scraped.
                throw ConfigProblemBox(m.problem("'\(path)' must end in .prom: node_exporter's textfile collector reads no other file", field: "metrics.textfile"))
            }
            monitor.metricsTextfile = path
        }
        if let list = root.child("on_failure") {
            for item in try list.items() {
                let name = try item.nonEmptyString()
                guard channels.contains(name) else {
                    throw ConfigProblemBox(item.problem("no channel named '\(name)'; channels: \(channels.joined(separator: ", "))", field: "on_failure"))
                }
                monitor.onFailure.append(name)
            }
        }
        if let v = root.child("catch_up_weeks") {
            let weeks = try v.integer()
            guard (1...52).contains(weeks) else {
                throw ConfigProblemBox(v.problem("must be between 1 and 52 (weeks one scheduled run may report)", field: "catch_up_weeks"))
            }
            monitor.catchUpWeeks = Int(weeks)
        }
        return monitor
    }

    private static func choice<T: RawRepresentable & Sendable>(_ value: YAMLValue?, default fallback: T) throws(ConfigProblemBox) -> T
    where T.RawValue == String {
        guard let value else { return fallback }
        let raw = try value.nonEmptyString()
        guard let parsed = T(rawValue: raw) else { throw ConfigProblemBox(value.problem("'\(raw)' is not one of the accepted values")) }
        return parsed
    }

    /// The same, naming every accepted value in the message.
    private static func choice<T: RawRepresentable & Sendable & CaseIterable>(_ value: YAMLValue?, default fallback: T) throws(ConfigProblemBox) -> T
    where T.RawValue == String {
        guard let value else { return fallback }
        let raw = try value.nonEmptyString()
        guard let parsed = T(rawValue: raw) else {
            throw ConfigProblemBox(value.problem("'\(raw)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        return parsed
    }

    /// Replaces `${NAME}` with the environment's value (or the file `NAME_FILE` names); an unset variable is a
    /// problem that names it.
    static func expand(_ raw: String, at value: YAMLValue, environment: [String: String], secrets: inout [String]) throws(ConfigProblemBox) -> String {
        guard raw.contains("${") else { return raw }
        var out = ""
        var rest = Substring(raw)
        while let start = rest.range(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw ConfigProblemBox(value.problem("unclosed ${ in '\(raw)'"))
            }
            let name = String(rest[start.upperBound..<end])
            let v: String
            switch SecretLookup.variable(name, in: environment) {
            case let .success(found): v = found
            case let .failure(failure): throw ConfigProblemBox(value.problem(failure.description))
            }
            secrets.append(v)
            out += v
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}
