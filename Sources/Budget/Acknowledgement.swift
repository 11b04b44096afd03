/// A task force's decision about one finding: "RSI2-09 is late because the tender is re-announced; stop
/// alerting until 15 July".
///
/// It applies to the finding of `kind` about `subject` (a sub-project, programme or `TOTAL`) in `week` and the
/// weeks after, while the report week's Sunday is on or before `until`, and only at the severity it was given
/// for: a finding that becomes more severe is alerted again. An acknowledged finding stays in the report,
/// marked with the reason and the date; it only sends no alert.
public struct Acknowledgement: Sendable, Hashable {
    /// The ledger's id, for `spendwatch ack --remove`.
    public let id: Int64
    /// The week the finding was acknowledged in.
    public let week: ISOWeek
    public let subject: String
    public let kind: Finding.Kind
    public let until: CalendarDate
    public let reason: String
    /// The finding's severity when it was acknowledged.
    public let severity: Severity
    public let createdAt: String

    public init(id: Int64, week: ISOWeek, subject: String, kind: Finding.Kind, until: CalendarDate, reason: String,
                severity: Severity, createdAt: String) {
        self.id = id
        self.week = week
        self.subject = subject
        self.kind = kind
        self.until = until
        self.reason = reason
        self.severity = severity
        self.createdAt = createdAt
    }

    /// The id a finding is acknowledged by: its sub-project, else its programme, else `TOTAL`.
    public static func subject(of finding: Finding) -> String {
        finding.project ?? finding.program ?? "TOTAL"
    }

    /// Whether this acknowledgement covers `finding` in the report of `reportWeek`.
    public func covers(_ finding: Finding, in reportWeek: ISOWeek) -> Bool {
        finding.kind == kind && Self.subject(of: finding) == subject && reportWeek >= week && reportWeek.sunday <= until
    }

    /// Whether it has run out by the report week's Sunday.
    public func hasExpired(by reportWeek: ISOWeek) -> Bool { reportWeek.sunday > until }
}

extension Finding {
    /// How an acknowledgement stands against this finding in its week.
    public enum AckState: Sendable, Hashable {
        /// Acknowledged at this severity or above it: stays in the report, sends no alert.
        case muted(Acknowledgement)
        /// Acknowledged at a lower severity than it has now: alerted again.
        case severityRose(Acknowledgement)
    }

    /// True when an acknowledgement keeps this finding from alerting.
    public var isMuted: Bool {
        if case .muted = ackState { return true }
        return false
    }
}

extension WeekReport {
    /// The report with each finding that `acknowledgements` cover marked: muted, or alerted again when its
    /// severity rose above the acknowledged one. Findings are neither removed nor reordered.
    public func acknowledging(_ acknowledgements: [Acknowledgement]) -> WeekReport {
        guard !acknowledgements.isEmpty else { return self }
        var copy = self
        copy.findings = findings.map { finding in
            // The latest acknowledgement that covers the finding decides.
            guard let ack = acknowledgements.filter({ $0.covers(finding, in: week) }).max(by: { $0.id < $1.id }) else {
                return finding
            }
            var marked = finding
            marked.ackState = finding.severity > ack.severity ? .severityRose(ack) : .muted(ack)
            return marked
        }
        return copy
    }
}
