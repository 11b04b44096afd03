import Budget

/// Why `spendwatch ack` could not record or remove an acknowledgement.
public enum AcknowledgementError: Error, Sendable, CustomStringConvertible {
    /// No run of `week` raised a finding of `kind` about `subject`; `known` lists what it did raise.
    case noSuchFinding(week: ISOWeek, subject: String, kind: Finding.Kind, known: [String])
    /// `--until` is before the week the finding is acknowledged in.
    case untilBeforeWeek(until: CalendarDate, week: ISOWeek)
    case emptyReason
    case noSuchAcknowledgement(id: Int64)
    /// `--list`, `--remove` and adding one were given together, or adding one lacks a field.
    case usage(String)

    public var description: String {
        switch self {
        case let .noSuchFinding(week, subject, kind, known):
            "no '\(kind.rawValue)' finding about \(subject) in \(week)"
                + (known.isEmpty ? "; that week has no findings in the ledger (run it first)" : "; it has: \(known.joined(separator: ", "))")
        case let .untilBeforeWeek(until, week):
            "--until \(until) is before \(week) (\(week.monday) – \(week.sunday)); give the date alerts should resume"
        case .emptyReason:
            "--reason must say why (e.g. \"입찰 재공고\"): the report shows it beside the finding"
        case let .noSuchAcknowledgement(id):
            "no acknowledgement #\(id); `spendwatch ack --list` shows their numbers"
        case let .usage(message):
            message
        }
    }
}
