/// One schema statement written once for both databases: SQL text with a portable term
/// interpolated where SQLite and PostgreSQL spell a column differently.
///
///     "CREATE TABLE run (id \(.identityKey), week TEXT NOT NULL, exit_code \(.integer))"
///
/// `LedgerDialect.spelling(of:)` turns each term into the dialect's words.
struct SchemaSQL: Sendable, ExpressibleByStringInterpolation {
    /// Where the dialects differ in a schema.
    enum Term: Sendable, CaseIterable {
        /// An integer primary key the database assigns, increasing and never reused.
        case identityKey
        /// A 64-bit integer column type.
        case integer
        /// A column type for bytes.
        case blob
        /// A leading column (with its comma) that numbers rows in insertion order, where the
        /// database does not do so itself; see `LedgerDialect.insertionOrder`.
        case insertionOrderColumn
    }

    enum Part: Sendable {
        case text(String)
        case term(Term)
    }

    let parts: [Part]

    init(stringLiteral value: String) { parts = [.text(value)] }

    init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

    struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []
        init(literalCapacity: Int, interpolationCount: Int) { parts.reserveCapacity(interpolationCount * 2 + 1) }
        mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }
        mutating func appendInterpolation(_ term: Term) { parts.append(.term(term)) }
    }

    /// The statement as `dialect` runs it.
    func sql(for dialect: LedgerDialect) -> String {
        parts.map { part in
            switch part {
            case let .text(text): text
            case let .term(term): dialect.spelling(of: term)
            }
        }.joined()
    }
}
