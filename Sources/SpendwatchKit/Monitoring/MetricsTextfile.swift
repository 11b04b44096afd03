import Budget
import Foundation

/// The Prometheus text format for node_exporter's textfile collector, written after every run, also a failed one.
///
/// Written to a temporary name in the same folder and renamed, so the collector never reads half a file.
/// Metrics that describe the last report (findings, executed and target amounts) keep their previous values
/// when a run fails before it reports: they still describe the last report there is.
struct MetricsTextfile: Sendable {
    struct Metric: Sendable {
        let name: String
        let help: String
        /// Label set (already formatted, e.g. `severity="critical"`) to value; empty labels for a plain sample.
        var samples: [(labels: String, value: String)]
    }

    let path: String

    /// The metrics a run leaves; `report` is the last week it reported, `previous` the file as it was.
    static func metrics(status: ExitStatus, finishedAt: Date, seconds: Double, report: WeekReport?, weeksReported: Int,
                        pending: Int?, refused: Int, version: String, commit: String, previous: [String: [String]]) -> [Metric] {
        func carried(_ name: String) -> [(labels: String, value: String)] {
            (previous[name] ?? []).compactMap { line in
                let rest = line.dropFirst(name.count)
                guard let space = rest.lastIndex(of: " ") else { return nil }
                return (String(rest[..<space]).trimmingCharacters(in: CharacterSet(charactersIn: "{}")), String(rest[rest.index(after: space)...]))
            }
        }
        let now = String(Int64(finishedAt.timeIntervalSince1970))
        var metrics = [
            Metric(name: "spendwatch_last_run_timestamp_seconds", help: "When the last run ended (Unix time).", samples: [("", now)]),
            Metric(name: "spendwatch_last_success_timestamp_seconds", help: "When the last run that exited 0 or 1 ended (Unix time).",
                   samples: status.isSuccess ? [("", now)] : carried("spendwatch_last_success_timestamp_seconds")),
            Metric(name: "spendwatch_last_exit_code", help: "Exit code of the last run (0 done, 1 findings at --fail-on, 75 pending, 76 refused, …).",
                   samples: [("", String(status.rawValue))]),
            Metric(name: "spendwatch_run_duration_seconds", help: "Wall time of the last run in seconds.",
                   samples: [("", String(format: "%.3f", seconds))]),
            Metric(name: "spendwatch_weeks_reported", help: "Weeks the last run reported (more than 1 when it caught up missed weeks).",
                   samples: [("", String(weeksReported))]),
            Metric(name: "spendwatch_deliveries_pending", help: "Deliveries the outbox still holds to send.",
                   samples: pending.map { [("", String($0))] } ?? carried("spendwatch_deliveries_pending")),
            Metric(name: "spendwatch_deliveries_refused", help: "Deliveries the last run saw refused for good (a person must fix the channel).",
                   samples: [("", String(refused))]),
        ]
        if let report {
            let counts = Dictionary(grouping: report.findings, by: \.severity).mapValues(\.count)
            metrics.append(Metric(name: "spendwatch_findings", help: "Findings of the last week reported, by severity.",
                                  samples: Severity.allCases.map { ("severity=\"\($0.rawValue)\"", String(counts[$0] ?? 0)) }))
            metrics.append(Metric(name: "spendwatch_executed_won", help: "Executed amount in won by programme, as of the last week reported.",
                                  samples: report.programs.map { ("program=\"\(label($0.row.id))\"", String($0.row.executed)) }
                                      + [("program=\"total\"", String(report.total.executed))]))
            metrics.append(Metric(name: "spendwatch_target_won", help: "Target amount in won by programme on the curve, as of the last week reported.",
                                  samples: report.programs.map { ("program=\"\(label($0.row.id))\"", String($0.row.target)) }
                                      + [("program=\"total\"", String(report.total.target))]))
        } else {
            metrics.append(Metric(name: "spendwatch_findings", help: "Findings of the last week reported, by severity.",
                                  samples: carried("spendwatch_findings")))
            metrics.append(Metric(name: "spendwatch_executed_won", help: "Executed amount in won by programme, as of the last week reported.",
                                  samples: carried("spendwatch_executed_won")))
            metrics.append(Metric(name: "spendwatch_target_won", help: "Target amount in won by programme on the curve, as of the last week reported.",
                                  samples: carried("spendwatch_target_won")))
        }
        metrics.append(Metric(name: "spendwatch_build_info", help: "The spendwatch build that wrote this file.",
                              samples: [("version=\"\(label(version))\",commit=\"\(label(commit))\"", "1")]))
        return metrics
    }

    /// A label value with `\`, `"` and line breaks escaped, as the text format requires.
    static func label(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func render(_ metrics: [Metric]) -> String {
        var out = ""
        for metric in metrics {
            out += "# HELP \(metric.name) \(metric.help)\n# TYPE \(metric.name) gauge\n"
            for sample in metric.samples {
                out += metric.name + (sample.labels.isEmpty ? "" : "{\(sample.labels)}") + " \(sample.value)\n"
            }
        }
        return out
    }

    /// The sample lines of the file as it is, by metric name (empty when there is none yet).
    func previous() -> [String: [String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var lines: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let name = line.prefix { $0 != "{" && $0 != " " }
            lines[String(name), default: []].append(String(line))
        }
        return lines
    }

    /// Writes atomically: a temporary file beside it (not `*.prom`, which the collector would read), then a rename.
    func write(_ metrics: [Metric]) throws {
        let target = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
        try Data(Self.render(metrics).utf8).write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            let reason = String(cString: strerror(code))
            try? FileManager.default.removeItem(at: temporary)
            throw RunError.cannotWrite(path: path, cause: NSError(domain: NSPOSIXErrorDomain, code: Int(code),
                                                                   userInfo: [NSLocalizedDescriptionKey: reason]))
        }
    }
}
