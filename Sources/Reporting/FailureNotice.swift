import Foundation

/// What an `on_failure` channel is told when a run fails: which week, how it ended, and the error's own words.
public struct FailureNotice: Sendable, Equatable, Codable {
    public let week: String?
    public let exitCode: Int32
    /// The error as logged, secrets already redacted.
    public let message: String
    public let host: String
    /// When the run ended, ISO 8601 with the plan's offset.
    public let at: String
    /// The ledger's id of the run, when it got one.
    public let runID: Int64?

    public init(week: String?, exitCode: Int32, message: String, host: String, at: String, runID: Int64?) {
        self.week = week
        self.exitCode = exitCode
        self.message = message
        self.host = host
        self.at = at
        self.runID = runID
    }

    public var title: String { Vocabulary.failureTitle(week: week, exitCode: exitCode) }
    public var text: String { Vocabulary.failureText(self) }

    /// The generic JSON form (webhook, file): the notice's fields under their own schema.
    public var json: Data {
        var object: [String: Any] = ["schema": "spendwatch.failure/1", "exit_code": Int(exitCode), "message": message,
                                     "host": host, "at": at, "title": title]
        if let week { object["week"] = week }
        if let runID { object["run_id"] = runID }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
