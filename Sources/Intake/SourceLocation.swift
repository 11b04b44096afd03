import Budget

/// Where a figures source lives: a file on disk, or an http(s) URL fetched through libcurl.
///
/// Either may hold `{week}`, replaced by the week asked for: a source addressed per week, whose
/// body can be compared with the previous week's to tell a stale export.
public enum SourceLocation: Sendable, Hashable, CustomStringConvertible {
    case file(path: String)
    case http(url: String)

    /// The location of `week`'s figures.
    public func resolved(for week: ISOWeek) -> SourceLocation {
        switch self {
        case let .file(path): .file(path: path.replacingOccurrences(of: "{week}", with: week.description))
        case let .http(url): .http(url: url.replacingOccurrences(of: "{week}", with: week.description))
        }
    }

    /// Whether each week has its own file or URL (`{week}` in it), so two weeks' bodies can be compared.
    public var isAddressedPerWeek: Bool { description.contains("{week}") }

    /// The path or the URL (not redacted: pass it through the run's redactor before logging).
    public var description: String {
        switch self {
        case let .file(path): path
        case let .http(url): url
        }
    }
}
