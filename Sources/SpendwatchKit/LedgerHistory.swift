import Budget
import Foundation
import Ledger

/// What `spendwatch history` shows: per week, the runs with their findings, the revisions noticed and the deliveries.
public struct LedgerHistory: Sendable, Codable {
    public struct Run: Sendable, Codable {
        public let run: RunRecord
        public let findings: [FindingRecord]
    }

    /// One sub-project's stored figure of the week, as the week's own report saw it.
    public struct Snapshot: Sendable, Codable {
        public let program: String
        public let project: String
        public let executed: Int64
        /// The source's budget (추경), when it carried one.
        public let budget: Int64?
    }

    public struct Week: Sendable, Codable {
        public let week: String
        public let runs: [Run]
        /// The week's figures per sub-project; only when one week is asked for.
        public let snapshots: [Snapshot]?
        /// Figures restated, as noticed by runs of this week.
        public let revisions: [SnapshotRevision]
        /// This week's own figures, restated since by runs of later weeks.
        public let restatedLater: [SnapshotRevision]
        public let deliveries: [DeliverySummary]
    }

    public let ledger: String
    public let weeks: [Week]
    /// The pid of a run holding the ledger's lock now, if any: its unfinished run is running, not interrupted.
    public let runningPID: Int32?

    /// Reads the ledger; changes nothing in it.
    public init(ledger: Ledger, week: ISOWeek?) throws(LedgerError) {
        self.ledger = ledger.path
        runningPID = ledger.runLockHolderPID()
        let runs = try ledger.runs(week: week)
        let findings = Dictionary(grouping: try ledger.findings(runIDs: runs.map(\.id)), by: \.runID)
        let all = try ledger.revisions()
        let revisions = Dictionary(grouping: all.filter { week == nil || $0.noticedWeek == week }, by: { $0.noticedWeek.description })
        let later = Dictionary(grouping: all.filter { $0.noticedWeek > $0.week && (week == nil || $0.week == week) }, by: { $0.week.description })
        let deliveries = Dictionary(grouping: try ledger.deliveries(week: week?.description).map(DeliverySummary.init), by: \.week)
        var snapshots: [Snapshot]?
        if let week {
            snapshots = try ledger.history(asOf: week).figures(in: week).map {
                Snapshot(program: $0.program, project: $0.project, executed: $0.executed, budget: $0.budget)
            }
        }
        let names = Set(runs.map(\.week)).union(revisions.keys).union(later.keys).union(deliveries.keys).sorted()
        weeks = names.map { name in
            Week(week: name,
                 runs: runs.filter { $0.week == name }.map { Run(run: $0, findings: findings[$0.id] ?? []) },
                 snapshots: snapshots,
                 revisions: revisions[name] ?? [], restatedLater: later[name] ?? [], deliveries: deliveries[name] ?? [])
        }
    }

    /// A table for people; with `detail`, every finding's message too.
    public func text(detail: Bool) -> String {
        var out = "ledger \(ledger)\n"
        if weeks.isEmpty { out += "\nno runs recorded yet\n" }
        let latestUnfinished = weeks.flatMap(\.runs).map(\.run).filter { $0.finishedAt == nil }.map(\.id).max()
        for week in weeks {
            out += "\n\(week.week)\n"
            for entry in week.runs {
                let r = entry.run
                let outcome = r.outcome ?? (r.id == latestUnfinished && runningPID != nil ? "running (pid \(runningPID ?? 0))" : "interrupted")
                let digest = r.source.digest.map { String($0.prefix(12)) } ?? "-"
                let source = r.source.notModified ? "\(digest) (304)" : digest
                out += "  run \(pad("#\(r.id)", 5)) \(pad(r.trigger, 9)) \(r.startedAt) → \(r.finishedAt ?? "-")  "
                    + "\(pad(outcome, 8)) exit \(r.exitCode.map { "\($0)" } ?? "-")  source \(source)\n"
                if let message = r.message, r.outcome != RunOutcome.done.rawValue || detail {
                    out += "      \(message.split(separator: "\n").first ?? "")\n"
                }
                if !entry.findings.isEmpty {
                    let counts = Severity.allCases.reversed().compactMap { severity -> String? in
                        let n = entry.findings.filter { $0.severity == severity.rawValue }.count
                        return n == 0 ? nil : "\(n) \(severity.rawValue)"
                    }
                    let kinds = Dictionary(grouping: entry.findings, by: \.kind).map { "\($0.key) \($0.value.count)" }.sorted()
                    out += "      findings: \(counts.joined(separator: ", ")) — \(kinds.joined(separator: ", "))\n"
                    if detail {
                        for f in entry.findings {
                            out += "        \(pad(f.severity, 8)) \(pad(f.kind, 14)) \(f.message)\n"
                        }
                    }
                }
            }
            for revision in week.revisions {
                out += "  restated \(revision.week) \(revision.project): \(WonFormat.full(revision.oldExecuted)) → "
                    + "\(WonFormat.full(revision.newExecuted)) (run #\(revision.runID.map { "\($0)" } ?? "-"), \(revision.recordedAt))\n"
            }
            for revision in week.restatedLater {
                out += "  later restated \(revision.project): \(WonFormat.full(revision.oldExecuted)) → "
                    + "\(WonFormat.full(revision.newExecuted)), noticed by the run of \(revision.noticedWeek); a rerun of \(week.week) keeps the old value\n"
            }
            if let snapshots = week.snapshots, !snapshots.isEmpty {
                let total = snapshots.reduce(Int64(0)) { $0 + $1.executed }
                out += "  figures: \(snapshots.count) sub-projects, \(WonFormat.full(total)) executed in all\n"
                if detail {
                    for snapshot in snapshots {
                        out += "    \(pad(snapshot.project, 9)) \(pad(snapshot.program, 6)) \(WonFormat.full(snapshot.executed))"
                            + (snapshot.budget.map { " (budget \(WonFormat.full($0)))" } ?? "") + "\n"
                    }
                }
            }
            for delivery in week.deliveries {
                out += "  delivery \(delivery.id) \(pad(delivery.channel, 14)) \(pad(delivery.status, 8)) attempts \(delivery.attempts)\n"
            }
        }
        return out
    }

    /// Machine-readable, keys sorted.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
