import Budget
import Crypto
import Foundation
import Intake
import Ledger

/// The ledger's part of a run: fetch against last week's validators, store snapshots, and the
/// findings that only history can tell (`restated`, `stale-source`).
extension WeeklyRun {
    /// What the source gave for the week, and why it has nothing new when it has not.
    struct SourceIntake {
        let figures: [Figure]
        let stale: HistoryFinding.StaleReason?
        /// The file name or redacted URL, for findings.
        let sourceName: String
    }

    /// Fetches the week's source, records its identity and stores its figures up to `week` in the ledger.
    ///
    /// Staleness compares the week with the week before only: no row for the week, or — for a source
    /// addressed per week (`{week}` in its URL) — a body with the previous week's SHA-256, or a 304
    /// answer to a conditional GET with the previous week's strong ETag. A source that is one
    /// file for every week is the same body week after week by design, so only the row rule applies.
    func intake(week: ISOWeek, loaded: LoadedConfig, ledger: Ledger, runID: Int64) throws -> SourceIntake {
        let source = loaded.config.source
        let url = source.url(for: week)
        let previousWeek = week.adding(weeks: -1)
        let previous = source.url.contains("{week}") ? try ledger.sourceVersion(ofWeek: previousWeek) : nil
        let http = !url.hasPrefix("file:")
        let figures: [Figure]
        let digest: String?
        let name: String
        if source.kind == .transactions && !http {
            // Payments stream from disk and are never held whole, so the body has no digest here.
            let path = String(url.dropFirst("file:".count))
            figures = TransactionsReader.everyWeek(try transactionsReader(loaded).read(path: path))
            digest = nil
            name = URL(fileURLWithPath: path).lastPathComponent
            try ledger.recordSource(runID: runID, SourceVersion(url: path, digest: nil))
        } else {
            // Last week's validators go to this week's URL, another resource: only a strong ETag, which names
            // the bytes, can say "same content" there. A Last-Modified date (or a weak ETag) says nothing about
            // another file, and a 304 for it would drop the week's real figures.
            let strongETag = previous?.etag.flatMap { $0.hasPrefix("W/") ? nil : $0 }
            let document = try SourceFetcher(client: loaded.httpClient).fetch(
                url: url, headers: source.headers, ifNoneMatch: http ? strongETag : nil, ifModifiedSince: nil)
            name = http ? document.name : URL(fileURLWithPath: document.name).lastPathComponent
            if document.notModified {
                try ledger.recordSource(runID: runID, SourceVersion(url: document.name, digest: previous?.digest, etag: document.etag,
                                                                    lastModified: document.lastModified, notModified: true))
                let validator = "ETag \(strongETag ?? "-")"
                context.logger.warning("\(document.name) answered 304 Not Modified for \(week): nothing new since \(previousWeek)")
                return SourceIntake(figures: [], stale: .notModified(previousWeek: previousWeek, validator: validator), sourceName: name)
            }
            digest = Self.sha256(document.data)
            try ledger.recordSource(runID: runID, SourceVersion(url: document.name, digest: digest, etag: document.etag,
                                                                lastModified: document.lastModified))
            figures = source.kind == .transactions
                ? TransactionsReader.everyWeek(try transactionsReader(loaded).read(document))
                : try FiguresReader(columns: source.columns, kpiColumns: source.kpiColumns,
                                    format: source.format.rawValue, encoding: source.encoding.rawValue, knownAsOf: week).read(document)
        }
        context.logger.info("read \(figures.count) figures from \(loaded.redactor.redact(name))")
        let revisions = try ledger.record(figures: figures, reportWeek: week, runID: runID, at: loaded.timestamp(context.now()))
        for revision in revisions {
            context.logger.warning("\(revision.project) \(revision.week) restated: \(revision.oldExecuted) → \(revision.newExecuted)")
        }
        let stale: HistoryFinding.StaleReason? =
            if let previous, let digest, previous.digest == digest { .sameDigest(previousWeek: previousWeek, digest: digest) }
            else if !figures.contains(where: { $0.week == week }) { .noRows }
            else { nil }
        return SourceIntake(figures: figures, stale: stale, sourceName: name)
    }

    /// The payments reader for the plan's fiscal year; what it leaves out is logged.
    func transactionsReader(_ loaded: LoadedConfig) -> TransactionsReader {
        let logger = context.logger
        return TransactionsReader(columns: loaded.config.source.columns, encoding: loaded.config.source.encoding.rawValue,
                                  fiscalYear: loaded.plan.fiscalYear, notice: { logger.warning("\($0)") })
    }

    /// `restated` for every revision noticed by a run of this week (so a rerun says it again) and `stale-source`.
    func historyFindings(week: ISOWeek, intake: SourceIntake, loaded: LoadedConfig, ledger: Ledger) throws -> [Finding] {
        var findings = try ledger.revisions(noticedIn: week).map { revision in
            HistoryFinding.restated(week: revision.week, program: revision.program, project: revision.project,
                                    name: loaded.plan.locate(project: revision.project)?.project.name,
                                    oldExecuted: revision.oldExecuted, newExecuted: revision.newExecuted,
                                    oldBudget: revision.oldBudget, newBudget: revision.newBudget)
        }
        if let stale = intake.stale {
            findings.append(HistoryFinding.staleSource(week: week, source: intake.sourceName, reason: stale))
        }
        return findings
    }

    /// Lower-case hex SHA-256.
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
