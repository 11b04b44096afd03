import Transport

/// Problems getting or reading the figures, each naming where the fault is.
public enum IntakeError: Error, Sendable, CustomStringConvertible {
    /// The figures file does not exist (exit 66).
    case missing(source: String)
    /// The source has no data rows at all (exit 65).
    case empty(source: String)
    /// A row or field is wrong (exit 65). `line` is 1-based; `column` is the header name when known.
    case badData(source: String, line: Int, column: String?, message: String)
    /// The source could not be reached or answered with an error status (exit 69).
    case unreachable(TransportError)

    public var description: String {
        switch self {
        case let .missing(source):
            "figures not found: \(source)"
        case let .empty(source):
            "\(source): the figures file is empty (no data rows); check the export"
        case let .badData(source, line, column, message):
            "\(source):\(line)\(column.map { ": column '\($0)'" } ?? ""): \(message)"
        case let .unreachable(error):
            "figures source unreachable: \(error)"
        }
    }
}
