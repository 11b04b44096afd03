import Budget
import Foundation
import GRDB

/// Runs, weekly snapshots with their revision trail, and findings: the ledger's memory of earlier weeks.
extension Ledger {
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
            try Self.insertedID(db.rows("INSERT INTO run (week, trigger, started_at) VALUES (?, ?, ?) RETURNING id",
                                        [week.description, trigger.rawValue, startedAt]), table: "run")
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

    /// Marks every run without an end as `interrupted`; call it holding the run lock, when no other run can be
    /// active. Returns the weeks of those runs, for the log.
    public func markInterrupted(at time: String) throws(LedgerError) -> [String] {
        try writing { db in
            let weeks: [String] = try db.rows("SELECT id, week FROM run WHERE finished_at IS NULL ORDER BY id", [])
                .map { row throws(DamagedRow) -> String in try RowReader(row, table: "run").value("week") }
            guard !weeks.isEmpty else { return [] }
            try db.execute("""
                UPDATE run SET finished_at = ?, outcome = ?, message = ? WHERE finished_at IS NULL
                """, [time, RunOutcome.interrupted.rawValue, "killed before it finished (noticed by the next run at \(time))"])
            return weeks
        }
    }

    /// The latest week a run completed (its report made and its deliveries in the outbox), dry runs aside.
    public func lastCompletedWeek() throws(LedgerError) -> ISOWeek? {
        let completed = RunOutcome.allCases.filter(\.completedTheWeek).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try reading { db in
            guard let row = try db.rows("""
                SELECT MAX(week) AS week FROM run WHERE outcome IN (\(completed)) AND (message IS NULL OR message <> ?)
                """, [dryRunMessage]).first else { return nil }
            return try RowReader(row, table: "run", key: []).optional("week", parsedAs: "an ISO week") { ISOWeek($0) }
        }
    }

    /// The source as last fetched for `week` by any run, or nil when no run of that week fetched it.
    public func sourceVersion(ofWeek week: ISOWeek) throws(LedgerError) -> SourceVersion? {
        try reading { db in
            try db.rows("""
                SELECT id, source_url, source_digest, source_etag, source_last_modified, source_not_modified FROM run
                WHERE week = ? AND source_digest IS NOT NULL ORDER BY id DESC LIMIT 1
                """, [week.description]).first.map { try Self.sourceVersion(RowReader($0, table: "run")) }
        }
    }

    /// Runs, oldest first; of one week when `week` is given.
    public func runs(week: ISOWeek? = nil) throws(LedgerError) -> [RunRecord] {
        try reading { db in
            let sql = "SELECT * FROM run" + (week == nil ? "" : " WHERE week = ?") + " ORDER BY week, id"
            return try db.rows(sql, week.map { [$0.description] } ?? []).map { row in
                let row = RowReader(row, table: "run")
                return RunRecord(
                    id: try row.value("id"),
                    week: try row.value("week", parsedAs: "an ISO week", ISOWeek.init).description,
                    trigger: try row.value("trigger", as: RunTrigger.self, "a run trigger").rawValue,
                    startedAt: try row.value("started_at"), finishedAt: try row.optional("finished_at"),
                    outcome: try row.optional("outcome", as: RunOutcome.self, "a run outcome")?.rawValue,
                    exitCode: try row.optional("exit_code"), source: try Self.sourceVersion(row),
                    reportDigest: try row.optional("report_digest"), message: try row.optional("message"))
            }
        }
    }

    static func sourceVersion(_ row: RowReader) throws(DamagedRow) -> SourceVersion {
        SourceVersion(url: try row.optional("source_url"), digest: try row.optional("source_digest"),
                      etag: try row.optional("source_etag"), lastModified: try row.optional("source_last_modified"),
                      notModified: try row.optional("source_not_modified") as Int64? == 1)
    }

    /// The id a `… RETURNING id` statement gave the row it inserted.
    static func insertedID(_ rows: [LedgerRow], table: String) throws(DamagedRow) -> Int64 {
        guard let row = rows.first else { throw DamagedRow(table: table, column: "id", row: nil, problem: "was not returned for the inserted row") }
        return try RowReader(row, table: table).value("id")
    }

    // MARK: Findings

    /// Stores the findings of a run, replacing any stored for it before; `message` gives each one's words.
    public func record(findings: [Finding], runID: Int64, message: (Finding) -> String) throws(LedgerError) {
        let rows = findings.map { ($0, message($0)) }
        try writing { db in
            try db.execute("DELETE FROM finding WHERE run_id = ?", [runID])
            let insert = try db.prepare("INSERT INTO finding (run_id, kind, severity, program, project, message) VALUES (?, ?, ?, ?, ?, ?)")
            for (f, text) in rows {
                try insert.execute([.integer(runID), .text(f.kind.rawValue), .text(f.severity.rawValue), f.program.ledgerValue,
                                    f.project.ledgerValue, .text(text)])
            }
        }
    }

    /// The findings of the given runs, in the order they were stored.
    public func findings(runIDs: [Int64]) throws(LedgerError) -> [FindingRecord] {
        guard !runIDs.isEmpty else { return [] }
        return try reading { db in
            let marks = Array(repeating: "?", count: runIDs.count).joined(separator: ",")
            return try db.rows("SELECT * FROM finding WHERE run_id IN (\(marks)) ORDER BY run_id, id", runIDs).map { row in
                let row = RowReader(row, table: "finding")
                return FindingRecord(runID: try row.value("run_id"),
                                     kind: try row.value("kind", as: Finding.Kind.self, "a finding kind").rawValue,
                                     severity: try row.value("severity", as: Severity.self, "a severity").rawValue,
                                     program: try row.optional("program"), project: try row.optional("project"),
                                     message: try row.value("message"))
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
        // In the order of the snapshot key (week, project): SQLite appends to its index instead of seeking in it.
        let kept = figures.filter { $0.week <= reportWeek }
            .sorted { ($0.week, $0.project) < ($1.week, $1.project) }
        guard !kept.isEmpty else { return [] }
        let earliest = kept.map(\.week).min() ?? reportWeek
        return try writing { db in
            // What is stored of the weeks the figures cover, read row by row into a compact table: at national
            // scale (20,000 sub-projects × 26 weeks) a dictionary per row and an array of them cost gigabytes.
            var stored: [SnapshotKey: StoredSnapshot] = [:]
            try db.each("""
                SELECT week, project, program, executed, budget, kpis, noticed_week FROM snapshot WHERE week >= ? AND week <= ?
                """, [earliest.description, reportWeek.description]) { columns, values in
                let row = RowReader(columns: columns, values: values, table: "snapshot", key: ["week", "project"])
                let week = try row.value("week", parsedAs: "an ISO week", ISOWeek.init)
                stored[SnapshotKey(week: week, project: try row.value("project"))] = StoredSnapshot(
                    program: try row.value("program"), executed: try row.value("executed"), budget: try row.optional("budget"),
                    kpis: try row.optional("kpis"), noticedWeek: try row.optional("noticed_week", parsedAs: "an ISO week", ISOWeek.init))
            }
            var revisedLater = Set<SnapshotKey>()
            try db.each("SELECT week, project FROM snapshot_revision WHERE week >= ? AND week <= ? AND noticed_week > ?",
                        [earliest.description, reportWeek.description, reportWeek.description]) { columns, values in
                let row = RowReader(columns: columns, values: values, table: "snapshot_revision", key: ["week", "project"])
                revisedLater.insert(SnapshotKey(week: try row.value("week", parsedAs: "an ISO week", ISOWeek.init), project: try row.value("project")))
            }
            // Each statement parsed once for the whole batch; only figures that are new or changed are written.
            let insert = try db.prepare("""
                INSERT INTO snapshot (week, program, project, executed, budget, kpis, run_id, recorded_at, noticed_week)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let notice = try db.prepare("UPDATE snapshot SET noticed_week = ? WHERE week = ? AND project = ?")
            let amend = try db.prepare("UPDATE snapshot SET kpis = ?, program = ?, budget = ? WHERE week = ? AND project = ?")
            let restate = try db.prepare("""
                UPDATE snapshot SET program = ?, executed = ?, budget = ?, kpis = ?, run_id = ?, recorded_at = ?
                WHERE week = ? AND project = ?
                """)
            let reportWeekText = LedgerValue.text(reportWeek.description)
            let timeText = LedgerValue.text(time)
            var revisions: [SnapshotRevision] = []
            for figure in kept {
                let key = SnapshotKey(week: figure.week, project: figure.project)
                if revisedLater.contains(key) { continue }
                let kpis = Self.encode(figure.kpis)
                let week = LedgerValue.text(figure.week.description)
                guard let old = stored[key] else {
                    try insert.execute([week, .text(figure.program), .text(figure.project), .integer(figure.executed),
                                        figure.budget.ledgerValue, kpis.ledgerValue, .integer(runID), timeText, reportWeekText])
                    continue
                }
                // A row first stored by a later week's run is known as of this week too: its source carries it.
                if let noticed = old.noticedWeek, noticed > reportWeek {
                    try notice.execute([reportWeekText, week, .text(figure.project)])
                }
                // Only a changed executed amount is a restatement. A budget column that appears or changes for a
                // past week is the 추경 the week's own `budget-revised` finding reports; repeating it as a
                // restated figure for every earlier week would bury the real ones.
                if old.executed == figure.executed {
                    if old.budget != figure.budget || old.kpis != kpis || old.program != figure.program {
                        try amend.execute([kpis.ledgerValue, .text(figure.program), figure.budget.ledgerValue, week, .text(figure.project)])
                    }
                    continue
                }
                try restate.execute([.text(figure.program), .integer(figure.executed), figure.budget.ledgerValue, kpis.ledgerValue,
                                     .integer(runID), timeText, week, .text(figure.project)])
                let id = try Self.insertedID(db.rows("""
                    INSERT INTO snapshot_revision (week, program, project, old_executed, new_executed, old_budget, new_budget,
                                                   noticed_week, run_id, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """, [figure.week.description, figure.program, figure.project, old.executed, figure.executed,
                                     old.budget, figure.budget, reportWeek.description, runID, time]), table: "snapshot_revision")
                revisions.append(SnapshotRevision(
                    id: id, week: figure.week, program: figure.program, project: figure.project,
                    oldExecuted: old.executed, newExecuted: figure.executed, oldBudget: old.budget, newBudget: figure.budget,
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
                .map { try Self.revision(RowReader($0, table: "snapshot_revision")) }
        }
    }

    /// Every figure as it was known when `week` was reported: weeks after it never appear, nor rows
    /// that only a later week's source carried, and a figure revised by a later week's run shows
    /// the value it had before that revision.
    public func history(asOf week: ISOWeek) throws(LedgerError) -> FigureHistory {
        try reading { db in
            var revisionsByKey: [SnapshotKey: [SnapshotRevision]] = [:]
            try db.each("SELECT * FROM snapshot_revision WHERE week <= ? ORDER BY id", [week.description]) { columns, values in
                let revision = try Self.revision(RowReader(columns: columns, values: values, table: "snapshot_revision"))
                revisionsByKey[SnapshotKey(week: revision.week, project: revision.project), default: []].append(revision)
            }
            var history = FigureHistory()
            // Rows that only a later week's source carried (a late entry) were not known when `week` was reported.
            try db.each("""
                SELECT week, program, project, executed, budget, kpis FROM snapshot
                WHERE week <= ? AND (noticed_week IS NULL OR noticed_week <= ?)
                """, [week.description, week.description]) { columns, values in
                let row = RowReader(columns: columns, values: values, table: "snapshot", key: ["week", "project"])
                let figureWeek = try row.value("week", parsedAs: "an ISO week", ISOWeek.init)
                let project: String = try row.value("project")
                var executed: Won = try row.value("executed")
                var budget: Won? = try row.optional("budget")
                if !revisionsByKey.isEmpty, let trail = revisionsByKey[SnapshotKey(week: figureWeek, project: project)],
                   let before = Self.valueBefore(trail, reportWeek: week) {
                    executed = before.oldExecuted
                    budget = before.oldBudget
                }
                history.insert(Figure(week: figureWeek, program: try row.value("program"), project: project, executed: executed,
                                      budget: budget, kpis: try row.optional("kpis", parsedAs: "a JSON object of KPI values", Self.decodeKPIs) ?? [:]))
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

    static func revision(_ row: RowReader) throws(DamagedRow) -> SnapshotRevision {
        SnapshotRevision(id: try row.value("id"), week: try row.value("week", parsedAs: "an ISO week", ISOWeek.init),
                         program: try row.value("program"), project: try row.value("project"),
                         oldExecuted: try row.value("old_executed"), newExecuted: try row.value("new_executed"),
                         oldBudget: try row.optional("old_budget"), newBudget: try row.optional("new_budget"),
                         noticedWeek: try row.value("noticed_week", parsedAs: "an ISO week", ISOWeek.init),
                         runID: try row.optional("run_id"), recordedAt: try row.value("recorded_at"))
    }

    static func encode(_ kpis: [String: Int64]) -> String? {
        guard !kpis.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(kpis)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `snapshot.kpis` as stored by `encode`; nil when the text is not such an object.
    static func decodeKPIs(_ text: String) -> [String: Int64]? {
        try? JSONDecoder().decode([String: Int64].self, from: Data(text.utf8))
    }
}
