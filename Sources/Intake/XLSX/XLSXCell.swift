/// One cell of a worksheet row as the sheet stores it: the value's text exactly as written (a number's
/// digits never go through a `Double`), and what kind of value it is.
struct XLSXCell: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A shared string, an inline string or a formula's text result.
        case text
        /// A number stored as a number (also a date, as a serial number of days).
        case number
        case boolean
        /// `#REF!`, `#DIV/0!`…
        case error
    }

    /// 1-based column (A = 1).
    let column: Int
    let kind: Kind
    let value: String

    /// `D` for column 4, `AA` for 27.
    static func letters(_ column: Int) -> String {
        var n = column
        var out: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(out)
    }

    /// The column and row of a reference such as `D17` (nil when malformed).
    static func position(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var sawDigit = false
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 65...90 where !sawDigit: column = column * 26 + Int(scalar.value - 64)
            case 97...122 where !sawDigit: column = column * 26 + Int(scalar.value - 96)
            case 48...57:
                sawDigit = true
                row = row * 10 + Int(scalar.value - 48)
                if row > 10_000_000 { return nil }
            case 36: continue // $
            default: return nil
            }
            if column > 16_384 { return nil }
        }
        return column > 0 ? (column, row) : nil
    }
}

/// A worksheet row: its 1-based number and the cells it stores (empty cells are absent).
struct XLSXRow: Sendable {
    let number: Int
    let cells: [XLSXCell]

    func cell(_ column: Int) -> XLSXCell? { cells.first { $0.column == column } }
}
