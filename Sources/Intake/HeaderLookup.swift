/// Where a column that the config maps sits in a header row, matched without regard to case.
enum HeaderLookup {
    /// The 0-based position of `wanted`, nil when the header lacks it. A name that two fields carry is an
    /// error: taking the first would read the wrong amounts without a word.
    static func position(of wanted: String, in names: [String], source: String, line: Int) throws(IntakeError) -> Int? {
        let key = wanted.lowercased()
        let hits = names.indices.filter { names[$0].lowercased() == key }
        guard hits.count <= 1 else {
            throw .badData(source: source, line: line, column: wanted,
                           message: "the header has this column \(hits.count) times (fields \(hits.map { "\($0 + 1)" }.joined(separator: ", "))); keep one")
        }
        return hits.first
    }
}
