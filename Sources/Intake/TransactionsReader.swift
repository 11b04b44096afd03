import Crypto
import Budget
import Foundation

/// Reads payments and refunds (`kind: transactions`) and sums them into cumulative figures per sub-project and week.
///
/// The file is streamed in chunks and aggregated as it goes, so memory depends on the number of
/// sub-projects and weeks, not on the number of rows. Each row is `date, program, project, amount`
/// (refunds negative); a week's figure is the running sum of the fiscal year through that week,
/// emitted for every week in which the sub-project had a transaction. The running sum starts again
/// with each ISO week-year. Given the plan's `fiscalYear`, a payment dated in another year is left out
/// (and counted in `notice`): a week that straddles New Year (2008-12-29 is in 2009-W01) would otherwise
/// carry last year's money into this year's figure, since one week's figure cannot be split.
public struct TransactionsReader: Sendable {
    /// Logical field (`date`, `program`, `project`, `amount`) → the source's column name.
    public let columns: [String: String]
    public let encoding: SourceEncoding
    /// Bytes per read(2); large enough to amortise the call, small enough to stay in cache.
    public let chunkSize: Int
    /// Progress on stderr; nil means "when stderr is a terminal".
    public let showsProgress: Bool?
    /// The plan's fiscal year: payments dated in another year are left out. Nil keeps every payment.
    public let fiscalYear: Int?
    /// Told, once per read, what was left out and why, so that nothing goes unmentioned.
    public let notice: (@Sendable (String) -> Void)?

    public init(columns: [String: String] = [:], encoding: SourceEncoding = .auto, chunkSize: Int = 1 << 20, showsProgress: Bool? = nil,
                fiscalYear: Int? = nil, notice: (@Sendable (String) -> Void)? = nil) {
        self.columns = columns
        self.encoding = encoding
        self.chunkSize = max(1, chunkSize)
        self.showsProgress = showsProgress
        self.fiscalYear = fiscalYear
        self.notice = notice
    }

    static let fields = ["date", "program", "project", "amount"]

    func column(_ field: String) -> String { columns[field] ?? field }

    /// Streams a local file without loading it.
    public func read(path: String) throws(IntakeError) -> [Figure] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { throw .missing(source: path) }
            throw .badData(source: path, line: 1, column: nil, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let before = FileIdentity.of(descriptor: fd)
        let size = Int(before?.size ?? 0)
        var aggregate = Aggregate(reader: self, source: path)
        var progress = ProgressMeter(label: "reading \(path)", total: size, enabled: showsProgress ?? (isatty(STDERR_FILENO) != 0))
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        var done = 0
        // A file written moments ago is hashed as it streams and hashed again afterwards (see FileIdentity.settle).
        var hasher: SHA256? = before?.modifiedRecently() ?? true ? SHA256() : nil
        while true {
            let n = Foundation.read(fd, buffer.baseAddress, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw .badData(source: path, line: aggregate.csv.line, column: nil, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            try aggregate.feed(UnsafeBufferPointer(rebasing: buffer[..<n]))
            hasher?.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[..<n])))
            done += n
            progress.update(done: done)
        }
        progress.finish()
        try FileIdentity.checkUnchanged(before, fd: fd, path: path, bytesRead: done)
        if let streamed = hasher?.finalize() {
            guard try FileIdentity.digest(fd: fd, path: path) == streamed else { throw .changedWhileRead(source: path) }
            try FileIdentity.checkUnchanged(before, fd: fd, path: path, bytesRead: done)
        }
        return try aggregate.finish()
    }

    /// Reads a document already fetched (an http(s) source), through the same streaming parser.
    public func read(_ document: SourceDocument) throws(IntakeError) -> [Figure] {
        var aggregate = Aggregate(reader: self, source: document.name)
        let size = chunkSize
        let result: Result<Void, IntakeError> = document.data.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < all.count {
                let end = min(all.count, start + size)
                do throws(IntakeError) { try aggregate.feed(UnsafeBufferPointer(rebasing: all[start..<end])) } catch { return .failure(error) }
                start = end
            }
            return .success(())
        }
        try result.get()
        return try aggregate.finish()
    }
}

extension TransactionsReader {
    /// The running state of one read: the CSV tokenizer, the interned ids and the per-week sums.
    struct Aggregate {
        let reader: TransactionsReader
        let source: String
        var csv = CSVReader()
        let decoder: FieldDecoder
        var atStart = true
        var header: [String]?
        /// Record index of date, program, project, amount.
        var index = (date: 0, program: 0, project: 0, amount: 0)
        var rows = 0
        /// Payments dated outside `reader.fiscalYear`: how many, their net amount, the first one's line.
        var outside = (count: 0, amount: Int64(0), firstLine: 0)

        var projects = ByteInterner()
        var programs = ByteInterner()
        var projectNames: [String] = []
        var programNames: [String] = []
        var programOfProject: [Int] = []
        var firstLineOfProject: [Int] = []

        /// Dense week numbers in order of first appearance.
        var weeks: [ISOWeek] = []
        var weekOfDay: [Int: Int] = [:]
        var denseWeek: [ISOWeek: Int] = [:]
        var lastDateKey = -1
        var lastWeek = 0

        /// Net sums and row counts, week-major: `week * projectStride + project`. Exports come in date
        /// order, so the rows of a stretch of days hit one week's slice, which stays in cache.
        var projectStride = 1024
        var sums: [Int64] = []
        var hits: [UInt32] = []

        init(reader: TransactionsReader, source: String) {
            self.reader = reader
            self.source = source
            decoder = FieldDecoder(declared: reader.encoding.rawValue)
        }

        mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws(IntakeError) {
            var chunk = chunk
            if atStart {
                // A BOM may be split over reads only if the first read is shorter than three bytes: not with read(2) on a file.
                atStart = false
                if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF {
                    chunk = UnsafeBufferPointer(rebasing: chunk[3...])
                }
            }
            var failure: IntakeError?
            // The tokenizer calls back into self: take it out for the duration so the accesses do not overlap.
            var tokenizer = CSVReader()
            swap(&tokenizer, &csv)
            defer { swap(&tokenizer, &csv) }
            do {
                try tokenizer.feed(chunk) { record in
                    do throws(IntakeError) { try self.take(record) } catch { failure = error; throw error }
                }
            } catch {
                throw failure ?? translate(error)
            }
        }

        mutating func finish() throws(IntakeError) -> [Figure] {
            var failure: IntakeError?
            var tokenizer = CSVReader()
            swap(&tokenizer, &csv)
            defer { swap(&tokenizer, &csv) }
            do {
                try tokenizer.finish { record in
                    do throws(IntakeError) { try self.take(record) } catch { failure = error; throw error }
                }
            } catch {
                throw failure ?? translate(error)
            }
            guard rows > 0 else { throw .empty(source: source) }
            if outside.count > 0, let year = reader.fiscalYear {
                reader.notice?("\(source): \(outside.count) payment(s) dated outside fiscal year \(year), net \(WonFormat.full(outside.amount)) "
                    + "(first on line \(outside.firstLine)), left out of its cumulative figures")
            }
            return try figures()
        }

        func translate(_ error: any Error) -> IntakeError {
            switch error {
            case let CSVReader.Failure.unterminatedQuote(line, field):
                let name = header.flatMap { field <= $0.count ? $0[field - 1] : nil } ?? "field \(field)"
                return .badData(source: source, line: line, column: name, message: "a quoted field is never closed (truncated file?)")
            case let CSVReader.Failure.strayQuote(line, field):
                let name = header.flatMap { field <= $0.count ? $0[field - 1] : nil } ?? "field \(field)"
                return .badData(source: source, line: line, column: name, message: "a quote inside an unquoted field")
            default:
                return .badData(source: source, line: csv.line, column: nil, message: "\(error)")
            }
        }

        func bad(_ line: Int, _ field: Int, _ message: String) -> IntakeError {
            .badData(source: source, line: line, column: header.flatMap { field < $0.count ? $0[field] : nil } ?? "field \(field + 1)", message: message)
        }

        mutating func takeHeader(_ record: CSVRecord) throws(IntakeError) {
            var names: [String] = []
            for i in 0..<record.count {
                guard let name = decoder.string(record.bytesOf(i)) else {
                    throw .badData(source: source, line: record.line, column: "field \(i + 1)", message: "the header is not valid \(decoder.mode?.rawValue ?? "UTF-8") text")
                }
                names.append(name.trimmingCharacters(in: .whitespaces))
            }
            var found: [Int] = []
            for field in TransactionsReader.fields {
                guard let i = try HeaderLookup.position(of: reader.column(field), in: names, source: source, line: record.line) else {
                    throw .badData(source: source, line: record.line, column: reader.column(field),
                                   message: "required column missing; the header has: \(names.joined(separator: ", "))")
                }
                found.append(i)
            }
            index = (found[0], found[1], found[2], found[3])
            header = names
        }

        mutating func take(_ record: CSVRecord) throws(IntakeError) {
            guard let header else { return try takeHeader(record) }
            let line = record.line
            guard record.count == header.count else {
                let field = min(record.count, header.count)
                throw bad(line, field, "expected \(header.count) fields as in the header, found \(record.count) (truncated row or unquoted comma?)")
            }
            // One pass over the record's storage, no String and no allocation for a known sub-project.
            let outcome: Result<(week: Int, project: Int, amount: Int64, outsideYear: Bool), IntakeError> = record.withBytes { all in
                func field(_ i: Int) -> UnsafeBufferPointer<UInt8> { Self.trimmed(UnsafeBufferPointer(rebasing: all[record.bounds(i)])) }
                do throws(IntakeError) {
                    let date = field(index.date)
                    let week = try self.week(of: date, line: line)
                    // week(of:) accepted YYYY-MM-DD, so the first four bytes are the year's digits.
                    let outsideYear = reader.fiscalYear.map { $0 != (0..<4).reduce(0) { $0 * 10 + Int(date[$1] &- 0x30) } } ?? false
                    let project = try self.project(field(index.project), line: line)
                    try self.program(field(index.program), of: project, line: line)
                    let text = field(index.amount)
                    guard let won = AmountParser.won(bytes: text) else {
                        throw bad(line, index.amount, text.isEmpty ? "empty" : AmountParser.problem(String(decoding: text, as: UTF8.self)))
                    }
                    return .success((week, project, won, outsideYear))
                } catch {
                    return .failure(error)
                }
            }
            let (week, project, amount, outsideYear) = try outcome.get()
            if outsideYear {
                if outside.count == 0 { outside.firstLine = line }
                outside.count += 1
                outside.amount &+= amount
                rows += 1
                return
            }
            let slot = week * projectStride + project
            let (sum, overflow) = sums[slot].addingReportingOverflow(amount)
            guard !overflow else { throw bad(line, index.amount, "the running total of \(projectNames[project]) overflows (amounts beyond 9.2 quintillion won?)") }
            sums[slot] = sum
            hits[slot] &+= 1
            rows += 1
        }

        static func trimmed(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            var start = 0
            var end = raw.count
            while start < end, raw[start] == 0x20 || raw[start] == 0x09 { start += 1 }
            while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 { end -= 1 }
            return UnsafeBufferPointer(rebasing: raw[start..<end])
        }

        /// The dense week of a `YYYY-MM-DD` date, parsed from the bytes; consecutive rows mostly share a date.
        mutating func week(of text: UnsafeBufferPointer<UInt8>, line: Int) throws(IntakeError) -> Int {
            var key = -1
            if text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-") {
                var bad = false
                func digit(_ i: Int) -> Int {
                    let d = Int(text[i]) &- 0x30
                    if d < 0 || d > 9 { bad = true }
                    return d
                }
                key = ((((((digit(0) * 10 + digit(1)) * 10 + digit(2)) * 10 + digit(3)) * 10 + digit(5)) * 10 + digit(6)) * 10 + digit(8)) * 10 + digit(9)
                if bad { key = -1 }
            }
            if key >= 0, key == lastDateKey { return lastWeek }
            let dense: Int
            if key >= 0, let known = weekOfDay[key] {
                dense = known
            } else {
                guard key >= 0, let day = CalendarDate(year: key / 10000, month: key / 100 % 100, day: key % 100) else {
                    let shown = String(decoding: text, as: UTF8.self)
                    throw bad(line, index.date, shown.isEmpty ? "empty" : "'\(shown)' is not a date like 2009-03-20")
                }
                let week = ISOWeek(containing: day)
                if let known = denseWeek[week] {
                    dense = known
                } else {
                    dense = weeks.count
                    weeks.append(week)
                    denseWeek[week] = dense
                    sums.append(contentsOf: repeatElement(0, count: projectStride))
                    hits.append(contentsOf: repeatElement(0, count: projectStride))
                }
                weekOfDay[key] = dense
            }
            lastDateKey = key
            lastWeek = dense
            return dense
        }

        /// Room for more sub-projects: rare (the stride doubles), so a full re-layout is fine.
        mutating func widen() {
            let old = projectStride
            projectStride *= 2
            var newSums = [Int64](repeating: 0, count: weeks.count * projectStride)
            var newHits = [UInt32](repeating: 0, count: weeks.count * projectStride)
            for w in 0..<weeks.count {
                for p in 0..<old {
                    newSums[w * projectStride + p] = sums[w * old + p]
                    newHits[w * projectStride + p] = hits[w * old + p]
                }
            }
            sums = newSums
            hits = newHits
        }

        mutating func project(_ text: UnsafeBufferPointer<UInt8>, line: Int) throws(IntakeError) -> Int {
            guard !text.isEmpty else { throw bad(line, index.project, "empty") }
            let (id, isNew) = projects.intern(text)
            if isNew {
                guard let name = decoder.string(text) else {
                    throw bad(line, index.project, "not valid \(decoder.mode?.rawValue ?? "UTF-8") text")
                }
                projectNames.append(name)
                programOfProject.append(-1)
                firstLineOfProject.append(line)
                if id >= projectStride { widen() }
            }
            return id
        }

        mutating func program(_ text: UnsafeBufferPointer<UInt8>, of project: Int, line: Int) throws(IntakeError) {
            guard !text.isEmpty else { throw bad(line, index.program, "empty") }
            let (id, isNew) = programs.intern(text)
            if isNew {
                guard let name = decoder.string(text) else {
                    throw bad(line, index.program, "not valid \(decoder.mode?.rawValue ?? "UTF-8") text")
                }
                programNames.append(name)
            }
            let current = programOfProject[project]
            if current == -1 {
                programOfProject[project] = id
            } else if current != id {
                throw bad(line, index.program, "\(projectNames[project]) is under \(programNames[current]) on line \(firstLineOfProject[project]) but under \(programNames[id]) here")
            }
        }

        /// Cumulative figures: per sub-project, the running sum of the week-year through each week it had a transaction.
        /// Built in (week, project) order directly: sorting a million figures by string would cost more than the reading.
        func figures() throws(IntakeError) -> [Figure] {
            let weekOrder = weeks.indices.sorted { weeks[$0] < weeks[$1] }
            let projectOrder = projectNames.indices.sorted { projectNames[$0] < projectNames[$1] }
            var running = [Int64](repeating: 0, count: projects.count)
            var out: [Figure] = []
            out.reserveCapacity(hits.reduce(0) { $0 + ($1 > 0 ? 1 : 0) })
            var year = Int.min
            for w in weekOrder {
                let week = weeks[w]
                if week.year != year {
                    year = week.year
                    for p in running.indices { running[p] = 0 }
                }
                for p in projectOrder where hits[w * projectStride + p] > 0 {
                    let (sum, overflow) = running[p].addingReportingOverflow(sums[w * projectStride + p])
                    guard !overflow else {
                        throw .badData(source: source, line: firstLineOfProject[p], column: header.map { $0[index.amount] },
                                       message: "the running total of \(projectNames[p]) overflows in \(week) (amounts beyond 9.2 quintillion won?)")
                    }
                    running[p] = sum
                    out.append(Figure(week: week, program: programNames[programOfProject[p]], project: projectNames[p], executed: sum))
                }
            }
            return out
        }
    }
}
