import Foundation
import Yams

/// A YAML node with the file it came from and its path, so every problem names file, line and field.
struct YAMLValue {
    let node: Node
    let file: String
    let path: String

    var line: Int? { node.mark?.line }

    static func load(path: String, role: String) throws(ConfigError) -> YAMLValue {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileMissing(path: path, role: role) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .problems([Self.problem(from: error, file: path, lines: text.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) })])
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        guard let node else {
            throw .problems([ConfigProblem(file: path, line: 1, field: "(document)", message: "the file is empty")])
        }
        return YAMLValue(node: node, file: path, path: "")
    }

    func problem(_ message: String, field: String? = nil) -> ConfigProblem {
        ConfigProblem(file: file, line: line, field: field ?? (path.isEmpty ? "(document)" : path), message: message)
    }

    func child(_ key: String) -> YAMLValue? {
        guard let mapping = node.mapping else { return nil }
        for (k, v) in mapping where k.string == key {
            return YAMLValue(node: v, file: file, path: path.isEmpty ? key : "\(path).\(key)")
        }
        return nil
    }

    func required(_ key: String) throws(ConfigProblemBox) -> YAMLValue {
        guard node.mapping != nil else { throw ConfigProblemBox(problem("expected a mapping")) }
        guard let value = child(key) else {
            throw ConfigProblemBox(problem("missing required field", field: path.isEmpty ? key : "\(path).\(key)"))
        }
        return value
    }

    var keys: [String] { entries.map(\.key) }

    /// The mapping's fields in file order, each with its path.
    var entries: [(key: String, value: YAMLValue)] {
        guard let mapping = node.mapping else { return [] }
        return mapping.compactMap { k, v in
            k.string.map { ($0, YAMLValue(node: v, file: file, path: path.isEmpty ? $0 : "\(path).\($0)")) }
        }
    }

    func items() throws(ConfigProblemBox) -> [YAMLValue] {
        guard let sequence = node.sequence else { throw ConfigProblemBox(problem("expected a list")) }
        return sequence.enumerated().map { YAMLValue(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    func string() throws(ConfigProblemBox) -> String {
        guard let scalar = node.scalar else { throw ConfigProblemBox(problem("expected a single value")) }
        return scalar.string
    }

    func nonEmptyString() throws(ConfigProblemBox) -> String {
        let s = try string().trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { throw ConfigProblemBox(problem("must not be empty")) }
        return s
    }

    /// `true` or `false` (YAML's `yes`/`no` spellings too).
    func boolean() throws(ConfigProblemBox) -> Bool {
        let raw = try string().trimmingCharacters(in: .whitespaces).lowercased()
        switch raw {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw ConfigProblemBox(problem("'\(raw)' is not true or false"))
        }
    }

    /// A whole number; thousands separators (`,` or `_`) are accepted.
    func integer() throws(ConfigProblemBox) -> Int64 {
        let raw = try string()
        let digits = raw.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        guard let value = Int64(digits) else {
            throw ConfigProblemBox(problem("'\(raw)' is not a whole number of won (no decimals, at most 9,223,372,036,854,775,807)"))
        }
        return value
    }

    /// A percentage such as `60` or `37.5`, as basis points.
    func basisPoints() throws(ConfigProblemBox) -> Int64 {
        let raw = try string()
        guard let bp = Self.parseBasisPoints(raw) else {
            throw ConfigProblemBox(problem("'\(raw)' is not a percentage with at most two decimals"))
        }
        return bp
    }

    static func parseBasisPoints(_ raw: String) -> Int64? {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0, whole < 1_000_000 else { return nil }
        var frac: Int64 = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isASCII), let f = Int64(parts[1]) else { return nil }
            frac = parts[1].count == 1 ? f * 10 : f
        }
        return whole * 100 + frac
    }

    /// `lines`: the file's line count. At the end of a file cut short, libyaml points one line past the last;
    /// the message names the last line, which is where the text stops.
    static func problem(from error: YamlError, file: String, lines: Int) -> ConfigProblem {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            ConfigProblem(file: file, line: min(mark.line, lines), field: "(syntax)", message: "YAML: \(problem)")
        default:
            ConfigProblem(file: file, line: nil, field: "(syntax)", message: "YAML: \(error)")
        }
    }
}

/// Carries one problem through typed throws so loaders can collect several.
struct ConfigProblemBox: Error {
    let problem: ConfigProblem
    init(_ problem: ConfigProblem) { self.problem = problem }
}

/// Gathers problems so that a file with several mistakes reports them all at once.
struct ProblemCollector {
    var problems: [ConfigProblem] = []

    mutating func attempt<T>(_ body: () throws(ConfigProblemBox) -> T) -> T? {
        do { return try body() } catch { problems.append(error.problem); return nil }
    }

    mutating func report(_ problem: ConfigProblem) { problems.append(problem) }

    func finish() throws(ConfigError) {
        if !problems.isEmpty { throw ConfigError.problems(problems) }
    }
}
