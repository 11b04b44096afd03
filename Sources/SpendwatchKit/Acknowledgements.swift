import Budget
import Foundation
import Ledger

/// `spendwatch ack`: the task force's acknowledgements of findings, kept in the ledger.
public struct Acknowledgements: Sendable {
    public let context: RunContext

    public init(context: RunContext) { self.context = context }

    /// Acknowledges the finding of `kind` about `subject` that the latest run of `week` raised, until `until`.
    ///
    /// The finding must be in the ledger: the severity it had is stored, so a finding that grows more severe
    /// alerts again.
    public func add(configPath: String, week: ISOWeek, subject: String, kind: Finding.Kind, until: CalendarDate,
                    reason: String) throws -> Acknowledgement {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw AcknowledgementError.emptyReason }
        guard until >= week.monday else { throw AcknowledgementError.untilBeforeWeek(until: until, week: week) }
        let loaded = try LoadedConfig.load(path: configPath, context: context)
        let ledger = try loaded.openExistingLedger()
        let runs = try ledger.runs(week: week)
        let findings = try ledger.findings(runIDs: runs.last.map { [$0.id] } ?? [])
        func subjectOf(_ f: FindingRecord) -> String { f.project ?? f.program ?? "TOTAL" }
        guard let finding = findings.first(where: { $0.kind == kind.rawValue && subjectOf($0) == subject }),
              let severity = Severity(rawValue: finding.severity) else {
            let known = Array(Set(findings.map { "\(subjectOf($0)) \($0.kind)" })).sorted()
            throw AcknowledgementError.noSuchFinding(week: week, subject: subject, kind: kind, known: known)
        }
        let ack = try ledger.acknowledge(week: week, subject: subject, kind: kind, until: until, reason: reason,
                                         severity: severity, at: loaded.timestamp(context.now()))
        context.logger.info("acknowledged #\(ack.id): \(subject) \(kind.rawValue) (\(severity.rawValue)) from \(week) until \(until): \(reason)")
        return ack
    }

    /// Every acknowledgement in the ledger, oldest first.
    public func list(configPath: String) throws -> [Acknowledgement] {
        let loaded = try LoadedConfig.load(path: configPath, context: context)
        return try loaded.openExistingLedger().acknowledgements()
    }

    /// Removes acknowledgement `id`: its finding alerts again from the next run.
    public func remove(configPath: String, id: Int64) throws {
        let loaded = try LoadedConfig.load(path: configPath, context: context)
        guard try loaded.openExistingLedger().removeAcknowledgement(id: id) else {
            throw AcknowledgementError.noSuchAcknowledgement(id: id)
        }
        context.logger.info("removed acknowledgement #\(id)")
    }

    /// One line per acknowledgement, for a terminal.
    public static func text(_ acks: [Acknowledgement]) -> String {
        guard !acks.isEmpty else { return "no acknowledgements\n" }
        return acks.map {
            "#\($0.id)\t\($0.week)\t\($0.subject)\t\($0.kind.rawValue)\t\($0.severity.rawValue)\tuntil \($0.until)\t\($0.reason)\n"
        }.joined()
    }
}
