/// Where the ledger lives (`ledger:`): a SQLite file, or a PostgreSQL database that several nodes share.
public enum LedgerLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    /// `postgres://user@host:port/db`; the password belongs in `PGPASSWORD` or `~/.pgpass`, never the URL.
    case postgres(url: String)

    /// The file, or the URL with any password hidden, for messages.
    public var description: String {
        switch self {
        case let .sqlite(path): path
        case let .postgres(url): Self.hidingPassword(url)
        }
    }

    static func hidingPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
