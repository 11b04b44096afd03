/// What started a run; reported in `history` so an operator can tell cron from a person.
public enum RunTrigger: String, Sendable, CaseIterable, Codable {
    case scheduled
    case manual
    case backfill
}

/// How a run ended. A run with no outcome is still running, or was killed and the next run has not started yet.
public enum RunOutcome: String, Sendable, Codable, CaseIterable {
    case done
    case failed
    case pendingDeliveries = "pending-deliveries"
    /// A delivery was refused for good (a 4xx, a login or TLS failure): a person must fix the channel.
    case deliveriesRefused = "deliveries-refused"
    /// Killed (or the machine stopped) before it could record an end; set by the next run, which holds the lock.
    case interrupted

    /// The week's report was made and its deliveries are in the outbox: catch-up need not report it again.
    public var completedTheWeek: Bool { self == .done || self == .pendingDeliveries || self == .deliveriesRefused }
}

/// The identity of a source body as fetched for a week: its SHA-256 and the server's validators.
public struct SourceVersion: Sendable, Hashable, Codable {
    public var url: String?
    public var digest: String?
    public var etag: String?
    public var lastModified: String?
    /// The server answered 304 to a conditional GET: the body is the previous week's.
    public var notModified: Bool

    public init(url: String? = nil, digest: String?, etag: String? = nil, lastModified: String? = nil, notModified: Bool = false) {
        self.url = url
        self.digest = digest
        self.etag = etag
        self.lastModified = lastModified
        self.notModified = notModified
    }
}

/// What a dry run records as its message: it made a report but put nothing in the outbox.
public let dryRunMessage = "dry run"

/// One run as the ledger remembers it.
public struct RunRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let week: String
    public let trigger: String
    public let startedAt: String
    public let finishedAt: String?
    public let outcome: String?
    public let exitCode: Int?
    public let source: SourceVersion
    public let reportDigest: String?
    public let message: String?
}

/// One finding of a run as stored.
public struct FindingRecord: Sendable, Hashable, Codable {
    public let runID: Int64
    public let kind: String
    public let severity: String
    public let program: String?
    public let project: String?
    public let message: String
}

/// What `history` shows of one delivery: the outbox row without its payload.
public struct DeliverySummary: Sendable, Hashable, Codable {
    public let id: String
    public let week: String
    public let channel: String
    public let status: String
    public let attempts: Int

    public init(_ record: DeliveryRecord) {
        id = record.id
        week = record.week
        channel = record.channel
        status = record.status.rawValue
        attempts = record.attempts
    }
}
