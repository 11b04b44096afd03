import Transport

/// Problems getting or reading the figures, each naming where the fault is.
public enum IntakeError: Error, Sendable, CustomStringConvertible {
    /// The figures file does not exist (exit 66).
    case missing(source: String)
    /// The source has no data rows at all (exit 65).
    case empty(source: String)
    /// A row or field is wrong (exit 65). `line` is 1-based; `column` is the header name when known.
    case badData(source: String, line: Int, column: String?, message: String)
    /// The file changed (rewritten, appended to, replaced) while it was read: an export still being written.
    /// Nothing of it is used; the run can be retried once the export is done (exit 75).
    case changedWhileRead(source: String)
    /// A cell of a workbook is wrong (exit 65): `cell` is its reference (`D17`); `column` the header name when known.
    case badCell(source: String, sheet: String, cell: String, column: String?, message: String)
    /// The source could not be reached or answered with an error status (exit 69).
    case unreachable(TransportError)

    /// `text` with control characters shown as `\u{1B}`: a binary file's bytes quoted in a message must
    /// not reach a terminal or a log as escape sequences.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
            scalar.properties.generalCategory == .control ? Array("\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars) : [scalar]
        }))
    }

    /// A sheet's name as Excel writes it in a reference: quoted when it holds more than letters and digits.
    static func sheetReference(_ sheet: String) -> String {
        let plain = sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        return plain ? Self.printable(sheet) : "'\(Self.printable(sheet).replacingOccurrences(of: "'", with: "''"))'"
    }

    public var description: String {
        switch self {
        case let .missing(source):
            "figures not found: \(source)"
        case let .empty(source):
            "\(source): the figures file is empty (no data rows); check the export"
        case let .badData(source, line, column, message):
            "\(source):\(line)\(column.map { ": column '\(Self.printable($0))'" } ?? ""): \(Self.printable(message))"
        case let .badCell(source, sheet, cell, column, message):
            "\(source):\(Self.sheetReference(sheet))!\(cell)\(column.map { " (column '\(Self.printable($0))')" } ?? ""): \(Self.printable(message))"
        case let .unreachable(error):
            "figures source unreachable: \(error)"
        case let .changedWhileRead(source):
            "\(source) changed while it was read (an export still being written?); nothing of it was used: run again once the export is complete"
        }
    }
}
