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
        let knownSettings = ["plan", "timezone", "source", "ledger", "output", "templates", "thresholds", "channels"]
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
            let knownSource = ["url", "format", "kind", "encoding", "headers", "columns", "kpi_columns"]
            for (key, value) in s.entries where !knownSource.contains(key) {
                throw ConfigProblemBox(value.problem("unknown field '\(key)'; known: \(knownSource.joined(separator: ", "))"))
            }
            let format = try choice(s.child("format"), default: SourceFormat.csv)
            let kind = try choice(s.child("kind"), default: SourceKind.cumulative)
            if kind == .transactions, format == .json, let f = s.child("format") {
                throw ConfigProblemBox(f.problem("kind: transactions reads CSV only (it streams payment rows); export the payments as CSV"))
            }
            let encoding = try choice(s.child("encoding"), default: SourceEncoding.auto)
            var headers: [(String, String)] = []
            if let h = s.child("headers") {
                guard h.node.mapping != nil else { throw ConfigProblemBox(h.problem("expected a mapping of header names to values")) }
                for (key, value) in h.entries { headers.append((key, try text(value))) }
            }
            var columns: [String: String] = [:]
            if let m = s.child("columns") {
                let allowed = ["week", "date", "program", "project", "executed", "amount", "budget", "reported"]
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
                                columns: columns, kpiColumns: kpiColumns)
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
            let knownThresholds = ["warn_gap_pp", "critical_gap_pp", "stall_weeks"]
            for (key, value) in t.entries where !knownThresholds.contains(key) {
                throw ConfigProblemBox(value.problem("unknown threshold '\(key)'; known: \(knownThresholds.joined(separator: ", "))",
                                                     field: "thresholds.\(key)"))
            }
            let warn = try t.child("warn_gap_pp")?.basisPoints() ?? 500
            let critical = try t.child("critical_gap_pp")?.basisPoints() ?? 1_000
            let stall = try t.child("stall_weeks")?.integer() ?? 2
            guard critical >= warn else {
                throw ConfigProblemBox(t.problem("critical_gap_pp must be at least warn_gap_pp", field: "thresholds.critical_gap_pp"))
            }
            guard (1...52).contains(stall) else {
                throw ConfigProblemBox(t.problem("must be between 1 and 52", field: "thresholds.stall_weeks"))
            }
            return Thresholds(warnGap: warn, criticalGap: critical, stallWeeks: Int(stall))
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
        try c.finish()
        // Every field that failed left a problem behind, so with none they are all here.
        guard let planPath, let timeZone, let source, let ledger, let output, let thresholds else { throw ConfigError.problems(c.problems) }
        return SpendwatchConfig(file: path, planPath: planPath, timeZone: timeZone, source: source, ledger: ledger,
                                outputDirectory: output, templatesDirectory: templates, thresholds: thresholds,
                                channels: channels, secrets: secrets.filter { $0.count >= 4 })
    }

    private static func choice<T: RawRepresentable & Sendable>(_ value: YAMLValue?, default fallback: T) throws(ConfigProblemBox) -> T
    where T.RawValue == String {
        guard let value else { return fallback }
        let raw = try value.nonEmptyString()
        guard let parsed = T(rawValue: raw) else { throw ConfigProblemBox(value.problem("'\(raw)' is not one of the accepted values")) }
        return parsed
    }

    /// Replaces `${NAME}` with the environment's value; an unset variable is a problem that names it.
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
            guard let v = environment[name] else {
                throw ConfigProblemBox(value.problem("environment variable \(name) is not set"))
            }
            secrets.append(v)
            out += v
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}
