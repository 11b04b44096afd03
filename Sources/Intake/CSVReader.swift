/// RFC 4180 CSV over raw bytes: quoted fields with commas, quotes and newlines; CRLF or LF.
///
/// It is fed chunks of any size (a whole small file, or 1 MiB reads of a large one) and calls back
/// once per record with the line the record starts on, so errors can name the line a person sees
/// in an editor. It works on undecoded bytes: the delimiters are ASCII, and no byte of a UTF-8
/// or CP949 multi-byte character is below 0x41, so decoding can wait until a field is used.
struct CSVReader {
    enum Failure: Error, Equatable {
        /// `field` is 1-based: the field whose quote never closes.
        case unterminatedQuote(line: Int, field: Int)
        /// `field` is 1-based.
        case strayQuote(line: Int, field: Int)
    }

    private enum State {
        /// At the start of a field: nothing read yet.
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: either the closing one or the first of a `""` pair.
        case quotedQuote
    }

    private var state = State.fieldStart
    private var record = CSVRecord()
    /// A CR outside quotes that may be the first half of a CRLF.
    private var pendingCR = false
    /// The physical line being read (1-based).
    private(set) var line = 1

    init() { record.line = 1 }

    /// Tokenises `bytes` in one go: for documents already in memory.
    static func forEachRecord(_ bytes: [UInt8], _ body: (CSVRecord) throws -> Void) throws {
        var reader = CSVReader()
        try bytes.withUnsafeBufferPointer { try reader.feed($0, body) }
        try reader.finish(body)
    }

    /// Reads one chunk; records that end inside it are passed to `body`, the rest waits for the next chunk.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void) throws {
        guard let p = chunk.baseAddress else { return }
        let n = chunk.count
        var i = 0
        if pendingCR, n > 0 {
            pendingCR = false
            if p[0] != UInt8(ascii: "\n") { try ordinary(UInt8(ascii: "\r")) }
        }
        while i < n {
            switch state {
            case .fieldStart, .unquoted:
                // The hot path: copy the run of plain bytes up to the next delimiter in one go.
                var j = i
                while j < n {
                    let c = p[j]
                    if c == UInt8(ascii: ",") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\"") { break }
                    j += 1
                }
                if j > i {
                    record.append(UnsafeBufferPointer(start: p + i, count: j - i))
                    state = .unquoted
                    i = j
                    continue
                }
                let c = p[i]
                i += 1
                switch c {
                case UInt8(ascii: ","):
                    record.endField()
                    state = .fieldStart
                case UInt8(ascii: "\n"):
                    try endLine(body)
                case UInt8(ascii: "\r"):
                    if i < n {
                        if p[i] == UInt8(ascii: "\n") { continue }
                        try ordinary(c)
                    } else {
                        pendingCR = true
                    }
                default: // a quote
                    guard state == .fieldStart else { throw Failure.strayQuote(line: line, field: record.count + 1) }
                    state = .quoted
                }
            case .quoted:
                var j = i
                while j < n, p[j] != UInt8(ascii: "\"") {
                    if p[j] == UInt8(ascii: "\n") { line += 1 }
                    j += 1
                }
                if j > i { record.append(UnsafeBufferPointer(start: p + i, count: j - i)) }
                if j < n { state = .quotedQuote }
                i = j + 1
            case .quotedQuote:
                let c = p[i]
                i += 1
                switch c {
                case UInt8(ascii: "\""):
                    record.append(c)
                    state = .quoted
                case UInt8(ascii: ","):
                    record.endField()
                    state = .fieldStart
                case UInt8(ascii: "\n"):
                    try endLine(body)
                case UInt8(ascii: "\r"):
                    if i < n {
                        if p[i] == UInt8(ascii: "\n") { continue }
                        throw Failure.strayQuote(line: line, field: record.count + 1)
                    }
                    pendingCR = true
                default:
                    throw Failure.strayQuote(line: line, field: record.count + 1)
                }
            }
        }
    }

    /// Ends the input: the last record needs no final newline; an open quote means the file was cut.
    mutating func finish(_ body: (CSVRecord) throws -> Void) throws {
        pendingCR = false
        switch state {
        case .quoted: throw Failure.unterminatedQuote(line: record.line, field: record.count + 1)
        case .fieldStart where record.count == 0: return
        default:
            record.endField()
            try body(record)
            record.reset(line: line)
            state = .fieldStart
        }
    }

    /// A byte that is data after all (a lone CR).
    private mutating func ordinary(_ c: UInt8) throws {
        switch state {
        case .fieldStart, .unquoted:
            record.append(c)
            state = .unquoted
        case .quoted:
            record.append(c)
        case .quotedQuote:
            throw Failure.strayQuote(line: line, field: record.count + 1)
        }
    }

    private mutating func endLine(_ body: (CSVRecord) throws -> Void) throws {
        // A blank line separates nothing; skip it rather than report a one-field record.
        if !(state == .fieldStart && record.count == 0) {
            record.endField()
            try body(record)
        }
        line += 1
        record.reset(line: line)
        state = .fieldStart
    }
}

/// One CSV record: its fields' raw bytes end to end, with where each ends.
struct CSVRecord {
    /// The line the record starts on (1-based).
    fileprivate(set) var line = 1
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// Fields completed so far.
    var count: Int { ends.count }

    /// Where field `i` (0-based) lies in the record's bytes.
    func bounds(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// The record's bytes end to end, valid only during the call; cut fields out with `bounds`.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer(body)
    }

    func bytesOf(_ i: Int) -> ArraySlice<UInt8> {
        bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
    }

    fileprivate mutating func append(_ run: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: run) }
    fileprivate mutating func append(_ byte: UInt8) { bytes.append(byte) }

    fileprivate mutating func endField() {
        ends.append(bytes.count)
    }

    fileprivate mutating func reset(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
