import Budget
import Foundation
import GRDB

/// Runs, weekly snapshots with their revision trail, and findings: the ledger's memory of earlier weeks.
extension Ledger {
    /// `v2-history`: the revision trail of snapshots, KPI values and the source's identity per run.
    static func registerHistoryMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-history") { db in
            try db.create(table: "snapshot_revision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("week", .text).notNull()
                t.column("program", .text).notNull()
                t.column("project", .text).notNull()
                t.column("old_executed", .integer).notNull()
                t.column("new_executed", .integer).notNull()
                t.column("old_budget", .integer)
                t.column("new_budget", .integer)
                t.column("noticed_week", .text).notNull().indexed()
                t.column("run_id", .integer).references("run")
                t.column("recorded_at", .text).notNull()
            }
            try db.create(index: "snapshot_revision_week_project", on: "snapshot_revision", columns: ["week", "project"])
            try db.alter(table: "snapshot") { t in
                t.add(column: "kpis", .text)                  // JSON object, KPI id → cumulative value
                t.add(column: "noticed_week", .text)          // earliest report week whose source carried the row
            }
            try db.alter(table: "run") { t in
                t.add(column: "source_url", .text)
                t.add(column: "source_not_modified", .integer)
            }
        }
    }

    func writing<T>(_ body: (any LedgerTransaction) throws -> T) throws(LedgerError) -> T {
        try store.write(body)
    }

    func reading<T>(_ body: (any LedgerTransaction) throws -> T) throws(LedgerError) -> T {
        try store.read(body)
    }

    // MARK: Runs

    /// Records the start of a run and returns its id.
    public func beginRun(week: ISOWeek, trigger: RunTrigger, startedAt: String) throws(LedgerError) -> Int64 {
        try writing { db in
            let inserted = try db.rows("INSERT INTO run (week, trigger, started_at) VALUES (?, ?, ?) RETURNING id",
                                       [week.description, trigger.rawValue, startedAt])
            return inserted.first?["id"] ?? 0
        }
    }

    /// Records what the run fetched: the URL, the body's SHA-256 and the server's validators.
    public func recordSource(runID: Int64, _ version: SourceVersion) throws(LedgerError) {
        try writing { db in
            try db.execute("""
                UPDATE run SET source_url = ?, source_digest = ?, source_etag = ?, source_last_modified = ?,
                               source_not_modified = ? WHERE id = ?
                """, [version.url, version.digest, version.etag, version.lastModified,
                                 version.notModified ? 1 : 0, runID])
        }
    }

    /// Records how a run ended.
    public func finishRun(_ id: Int64, outcome: RunOutcome, exitCode: Int32, finishedAt: String,
                          reportDigest: String? = nil, message: String? = nil) throws(LedgerError) {
        try writing { db in
            try db.execute("""
                UPDATE run SET finished_at = ?, outcome = ?, exit_code = ?, report_digest = COALESCE(?, report_digest),
                               message = ? WHERE id = ?
                """, [finishedAt, outcome.rawValue, Int(exitCode), reportDigest, message, id])
        }
    }

    /// The source as last fetched for `week` by any run, or nil when no run of that week fetched it.
    public func sourceVersion(ofWeek week: ISOWeek) throws(LedgerError) -> SourceVersion? {
        try reading { db in
            try db.rows("""
                SELECT source_url, source_digest, source_etag, source_last_modified, source_not_modified FROM run
                WHERE week = ? AND source_digest IS NOT NULL ORDER BY id DESC LIMIT 1
                """, [week.description]).first.map(Self.sourceVersion)
        }
    }

    /// Runs, oldest first; of one week when `week` is given.
    public func runs(week: ISOWeek? = nil) throws(LedgerError) -> [RunRecord] {
        try reading { db in
            let sql = "SELECT * FROM run" + (week == nil ? "" : " WHERE week = ?") + " ORDER BY week, id"
            return try db.rows(sql, week.map { [$0.description] } ?? [])
                .map { row in
                    RunRecord(id: row["id"], week: row["week"], trigger: row["trigger"], startedAt: row["started_at"],
                              finishedAt: row["finished_at"], outcome: row["outcome"], exitCode: row["exit_code"],
                              source: Self.sourceVersion(row), reportDigest: row["report_digest"], message: row["message"])
                }
        }
    }

    static func sourceVersion(_ row: LedgerRow) -> SourceVersion {
        SourceVersion(url: row["source_url"], digest: row["source_digest"], etag: row["source_etag"],
                      lastModified: row["source_last_modified"], notModified: (row["source_not_modified"] as Int?) == 1)
    }

    // MARK: Findings

    /// Stores the findings of a run, replacing any stored for it before; `message` gives each one's words.
    public func record(findings: [Finding], runID: Int64, message: (Finding) -> String) throws(LedgerError) {
        let rows = findings.map { ($0, message($0)) }
        try writing { db in
            try db.execute("DELETE FROM finding WHERE run_id = ?", [runID])
            for (f, text) in rows {
                try db.execute("INSERT INTO finding (run_id, kind, severity, program, project, message) VALUES (?, ?, ?, ?, ?, ?)",
                               [runID, f.kind.rawValue, f.severity.rawValue, f.program, f.project, text])
            }
        }
    }

    /// The findings of the given runs, in the order they were stored.
    public func findings(runIDs: [Int64]) throws(LedgerError) -> [FindingRecord] {
        guard !runIDs.isEmpty else { return [] }
        return try reading { db in
            let marks = Array(repeating: "?", count: runIDs.count).joined(separator: ",")
            return try db.rows("SELECT * FROM finding WHERE run_id IN (\(marks)) ORDER BY run_id, id", runIDs).map { row in
                FindingRecord(runID: row["run_id"], kind: row["kind"], severity: row["severity"],
                              program: row["program"], project: row["project"], message: row["message"])
            }
        }
    }

    // MARK: Snapshots

    /// Stores the figures of `reportWeek` and of every earlier week they carry.
    ///
    /// A figure the ledger already holds with another amount or budget is updated and leaves a
    /// revision noticed in `reportWeek`; unchanged figures are left as they are (run id and time
    /// included), so storing the same figures twice changes nothing. A figure that a run of a later
    /// week has already revised is not touched by a rerun of an earlier week: that rerun reads the
    /// source as it stood then (`reported` column), and must neither undo the correction nor report it.
    /// - Returns: the revisions this call made.
    @discardableResult
    public func record(figures: [Figure], reportWeek: ISOWeek, runID: Int64, at time: String) throws(LedgerError) -> [SnapshotRevision] {
        let kept = figures.filter { $0.week <= reportWeek }
        guard !kept.isEmpty else { return [] }
        let earliest = kept.map(\.week).min() ?? reportWeek
        return try writing { db in
            var stored: [String: LedgerRow] = [:]
            for row in try db.rows("SELECT * FROM snapshot WHERE week >= ? AND week <= ?",
                                        [earliest.description, reportWeek.description]) {
                stored["\(row["week"] as String)|\(row["project"] as String)"] = row
            }
            var revisedLater = Set<String>()
            for row in try db.rows("SELECT week, project FROM snapshot_revision WHERE week >= ? AND week <= ? AND noticed_week > ?",
                                   [earliest.description, reportWeek.description, reportWeek.description]) {
                revisedLater.insert("\(row["week"] as String)|\(row["project"] as String)")
            }
            var revisions: [SnapshotRevision] = []
            for figure in kept where !revisedLater.contains("\(figure.week)|\(figure.project)") {
                let kpis = Self.encode(figure.kpis)
                guard let old = stored["\(figure.week)|\(figure.project)"] else {
                    try db.execute("""
                        INSERT INTO snapshot (week, program, project, executed, budget, kpis, run_id, recorded_at, noticed_week)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, [figure.week.description, figure.program, figure.project, figure.executed,
                                         figure.budget, kpis, runID, time, reportWeek.description])
                    continue
                }
                // A row first stored by a later week's run is known as of this week too: its source carries it.
                if let noticed = (old["noticed_week"] as String?).flatMap(ISOWeek.init), noticed > reportWeek {
                    try db.execute("UPDATE snapshot SET noticed_week = ? WHERE week = ? AND project = ?",
                                   [reportWeek.description, figure.week.description, figure.project])
                }
                let oldExecuted: Won = old["executed"]
                let oldBudget: Won? = old["budget"]
                // Only a changed executed amount is a restatement. A budget column that appears or changes for a
                // past week is the 추경 the week's own `budget-revised` finding reports; repeating it as a
                // restated figure for every earlier week would bury the real ones.
                if oldExecuted == figure.executed {
                    if oldBudget != figure.budget || (old["kpis"] as String?) != kpis || (old["program"] as String) != figure.program {
                        try db.execute("UPDATE snapshot SET kpis = ?, program = ?, budget = ? WHERE week = ? AND project = ?",
                                       [kpis, figure.program, figure.budget, figure.week.description, figure.project])
                    }
                    continue
                }
                try db.execute("""
                    UPDATE snapshot SET program = ?, executed = ?, budget = ?, kpis = ?, run_id = ?, recorded_at = ?
                    WHERE week = ? AND project = ?
                    """, [figure.program, figure.executed, figure.budget, kpis, runID, time,
                                     figure.week.description, figure.project])
                let inserted = try db.rows("""
                    INSERT INTO snapshot_revision (week, program, project, old_executed, new_executed, old_budget, new_budget,
                                                   noticed_week, run_id, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """, [figure.week.description, figure.program, figure.project, oldExecuted, figure.executed,
                                     oldBudget, figure.budget, reportWeek.description, runID, time])
                revisions.append(SnapshotRevision(
                    id: inserted.first?["id"] ?? 0, week: figure.week, program: figure.program, project: figure.project,
                    oldExecuted: oldExecuted, newExecuted: figure.executed, oldBudget: oldBudget, newBudget: figure.budget,
                    noticedWeek: reportWeek, runID: runID, recordedAt: time))
            }
            return revisions
        }
    }

    /// Revisions noticed by runs of `week` (or all), oldest first.
    public func revisions(noticedIn week: ISOWeek? = nil) throws(LedgerError) -> [SnapshotRevision] {
        try reading { db in
            let sql = "SELECT * FROM snapshot_revision" + (week == nil ? "" : " WHERE noticed_week = ?") + " ORDER BY id"
            return try db.rows(sql, week.map { [$0.description] } ?? [])
                .compactMap(Self.revision)
        }
    }

    /// Every figure as it was known when `week` was reported: weeks after it never appear, nor rows
    /// that only a later week's source carried, and a figure revised by a later week's run shows
    /// the value it had before that revision.
    public func history(asOf week: ISOWeek) throws(LedgerError) -> FigureHistory {
        try reading { db in
            var revisionsByKey: [String: [SnapshotRevision]] = [:]
            for row in try db.rows("SELECT * FROM snapshot_revision WHERE week <= ? ORDER BY id",
                                        [week.description]) {
                guard let revision = Self.revision(row) else { continue }
                revisionsByKey["\(revision.week)|\(revision.project)", default: []].append(revision)
            }
            var history = FigureHistory()
            // Rows that only a later week's source carried (a late entry) were not known when `week` was reported.
            for row in try db.rows("SELECT * FROM snapshot WHERE week <= ? AND (noticed_week IS NULL OR noticed_week <= ?)",
                                        [week.description, week.description]) {
                guard let figureWeek = ISOWeek(row["week"] as String) else { continue }
                let project: String = row["project"]
                var executed: Won = row["executed"]
                var budget: Won? = row["budget"]
                if let trail = revisionsByKey["\(figureWeek)|\(project)"],
                   let before = Self.valueBefore(trail, reportWeek: week) {
                    executed = before.oldExecuted
                    budget = before.oldBudget
                }
                history.insert(Figure(week: figureWeek, program: row["program"], project: project, executed: executed,
                                      budget: budget, kpis: Self.decode(row["kpis"])))
            }
            return history
        }
    }

    /// The revision whose old value was current when `reportWeek` was reported, if a later week's
    /// run revised the figure since: the first revision noticed after `reportWeek` that follows the
    /// last one noticed at or before it.
    static func valueBefore(_ trail: [SnapshotRevision], reportWeek: ISOWeek) -> SnapshotRevision? {
        let start = (trail.lastIndex { $0.noticedWeek <= reportWeek }).map { $0 + 1 } ?? 0
        return trail[start...].first { $0.noticedWeek > reportWeek }
    }

    static func revision(_ row: LedgerRow) -> SnapshotRevision? {
        guard let week = ISOWeek(row["week"] as String), let noticed = ISOWeek(row["noticed_week"] as String) else { return nil }
        return SnapshotRevision(id: row["id"], week: week, program: row["program"], project: row["project"],
                                oldExecuted: row["old_executed"], newExecuted: row["new_executed"],
                                oldBudget: row["old_budget"], newBudget: row["new_budget"], noticedWeek: noticed,
                                runID: row["run_id"], recordedAt: row["recorded_at"])
    }

    static func encode(_ kpis: [String: Int64]) -> String? {
        guard !kpis.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(kpis)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func decode(_ text: String?) -> [String: Int64] {
        guard let text else { return [:] }
        return (try? JSONDecoder().decode([String: Int64].self, from: Data(text.utf8))) ?? [:]
    }
}
