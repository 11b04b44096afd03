import Budget
import Foundation

/// Reads cumulative figures from CSV or JSON, strictly: every bad row is an error naming file, line and column.
public struct FiguresReader: Sendable {
    /// Logical field → the source's column name.
    public let columns: [String: String]
    public let format: SourceFormat
    public let encoding: SourceEncoding
    /// KPI id → column name.
    public let kpiColumns: [String: String]
    /// The week the run reports: rows the source marks (`reported` column) as reported after it are not
    /// known yet, so a back week's rerun reads the figures as they stood then.
    public let knownAsOf: ISOWeek?

    public init(columns: [String: String] = [:], kpiColumns: [String: String] = [:], format: SourceFormat = .csv, encoding: SourceEncoding = .auto,
                knownAsOf: ISOWeek? = nil) {
        self.columns = columns
        self.kpiColumns = kpiColumns
        self.format = format
        self.encoding = encoding
        self.knownAsOf = knownAsOf
    }

    func column(_ field: String) -> String {
        if field.hasPrefix("kpi:") { return kpiColumns[String(field.dropFirst(4))] ?? field }
        return columns[field] ?? field
    }

    /// One parsed row before duplicates and as-of dates within a week are resolved.
    struct Row {
        let line: Int
        let week: ISOWeek
        /// The as-of day: the date given, or the week's Sunday when the source gives a week.
        let asOf: CalendarDate
        let program: String
        let project: String
        let executed: Won
        let budget: Won?
        let kpis: [String: Int64]
        /// The week the row was reported in, when the source says (a correction of an earlier week's
        /// figure carries a later one); nil means the row's own week.
        let reported: ISOWeek?
    }

    public func read(_ document: SourceDocument) throws(IntakeError) -> [Figure] {
        let rows = format == .json ? try readJSON(document) : try readCSV(document)
        guard !rows.isEmpty else { throw .empty(source: document.name) }
        let known = knownAsOf.map { week in rows.filter { ($0.reported ?? $0.week) <= week } } ?? rows
        return try Self.resolve(known, source: document.name, projectColumn: column("project"))
    }

    /// The same sub-project twice for the same as-of day (and report week) is an error; a row reported
    /// later corrects the earlier one for that day; within a week the latest day counts.
    static func resolve(_ rows: [Row], source: String, projectColumn: String) throws(IntakeError) -> [Figure] {
        var seen: [String: Int] = [:]
        var byDay: [String: Row] = [:]
        for row in rows {
            let dayKey = "\(row.project)|\(row.asOf.dayNumber)"
            let versionKey = dayKey + "|\(row.reported.map(\.description) ?? "")"
            if let first = seen[versionKey] {
                throw .badData(source: source, line: row.line, column: projectColumn,
                               message: "\(row.project) appears twice for \(row.asOf) (first on line \(first)); keep one row")
            }
            seen[versionKey] = row.line
            if let current = byDay[dayKey], (current.reported ?? current.week) > (row.reported ?? row.week) { continue }
            byDay[dayKey] = row
        }
        var latest: [String: Row] = [:]
        for row in byDay.values {
            let weekKey = "\(row.project)|\(row.week)"
            if let current = latest[weekKey], current.asOf > row.asOf { continue }
            latest[weekKey] = row
        }
        return latest.values.sorted { ($0.week, $0.project) < ($1.week, $1.project) }.map {
            Figure(week: $0.week, program: $0.program, project: $0.project, executed: $0.executed, budget: $0.budget, kpis: $0.kpis)
        }
    }

    // MARK: CSV

    func readCSV(_ document: SourceDocument) throws(IntakeError) -> [Row] {
        var bytes = [UInt8](document.data)
        if bytes.starts(with: TextDecoding.byteOrderMark) { bytes.removeFirst(3) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty(source: document.name) }
        let decoder = FieldDecoder(declared: encoding.rawValue, document: bytes)
        var header: [String]?
        var index: [String: Int] = [:]
        var rows: [Row] = []
        do {
            try CSVReader.forEachRecord(bytes) { record in
                var fields: [String] = []
                fields.reserveCapacity(record.count)
                for i in 0..<record.count {
                    guard let text = decoder.string(record.bytesOf(i)) else {
                        let name = header.flatMap { i < $0.count ? $0[i] : nil } ?? "field \(i + 1)"
                        throw IntakeError.badData(source: document.name, line: record.line, column: name,
                                                  message: "not valid \(decoder.mode?.rawValue ?? "UTF-8") text (save the export as UTF-8 or CP949, or set source.encoding)")
                    }
                    fields.append(text)
                }
                guard let header else {
                    let names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                    header = names
                    index = try self.mapHeader(names, source: document.name)
                    return
                }
                guard fields.count == header.count else {
                    let column = fields.count < header.count ? header[fields.count] : "field \(fields.count)"
                    throw IntakeError.badData(source: document.name, line: record.line, column: column,
                                              message: "expected \(header.count) fields as in the header, found \(fields.count) (truncated row or unquoted comma?)")
                }
                rows.append(try self.row(line: record.line, source: document.name) { field in
                    index[field].map { (header[$0], fields[$0]) }
                })
            }
        } catch let error as IntakeError {
            throw error
        } catch let CSVReader.Failure.unterminatedQuote(line, field) {
            let name = header.flatMap { field <= $0.count ? $0[field - 1] : nil } ?? "field \(field)"
            throw .badData(source: document.name, line: line, column: name, message: "a quoted field is never closed (truncated file?)")
        } catch let CSVReader.Failure.strayQuote(line, field) {
            let name = header.flatMap { field <= $0.count ? $0[field - 1] : nil } ?? "field \(field)"
            throw .badData(source: document.name, line: line, column: name, message: "a quote inside an unquoted field")
        } catch {
            throw .badData(source: document.name, line: 1, column: nil, message: "\(error)")
        }
        return rows
    }

    func mapHeader(_ names: [String], source: String) throws(IntakeError) -> [String: Int] {
        var index: [String: Int] = [:]
        for field in ["week", "date", "program", "project", "executed", "budget", "reported"] + kpiColumns.keys.sorted().map({ "kpi:\($0)" }) {
            if let i = try HeaderLookup.position(of: column(field), in: names, source: source, line: 1) { index[field] = i }
        }
        for field in ["program", "project", "executed"] where index[field] == nil {
            throw .badData(source: source, line: 1, column: column(field),
                           message: "required column missing; the header has: \(names.joined(separator: ", "))")
        }
        if index["week"] == nil && index["date"] == nil {
            throw .badData(source: source, line: 1, column: column("week"),
                           message: "needs a week column ('\(column("week"))') or a date column ('\(column("date"))')")
        }
        return index
    }

    // MARK: JSON

    func readJSON(_ document: SourceDocument) throws(IntakeError) -> [Row] {
        let bytes: [UInt8]
        do { bytes = try TextDecoding.utf8(document.data, declared: encoding.rawValue) } catch {
            throw .badData(source: document.name, line: 1, column: nil, message: "not valid UTF-8 or CP949 text")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty(source: document.name) }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            let (line, detail) = Self.jsonErrorLine(error, in: bytes)
            throw .badData(source: document.name, line: line, column: nil, message: "not valid JSON: \(detail)")
        }
        guard let array = parsed as? [Any] else {
            throw .badData(source: document.name, line: 1, column: nil, message: "expected a JSON array of objects")
        }
        let lines = Self.elementLines(bytes)
        var rows: [Row] = []
        for (i, element) in array.enumerated() {
            let line = i < lines.count ? lines[i] : 1
            guard let object = element as? [String: Any] else {
                throw .badData(source: document.name, line: line, column: nil, message: "element \(i + 1) is not an object")
            }
            rows.append(try row(line: line, source: document.name) { field in
                let key = column(field)
                guard let value = object[key] ?? object.first(where: { $0.key.lowercased() == key.lowercased() })?.value else { return nil }
                switch value {
                case let s as String: return (key, s)
                // JSON true/false arrive as NSNumber too ("c"): shown as written, so they fail as amounts
                // instead of counting as ₩1 and ₩0.
                case let n as NSNumber where String(cString: n.objCType) == "c": return (key, n.boolValue ? "true" : "false")
                case let n as NSNumber: return (key, n.stringValue)
                default: return (key, "\(value)")
                }
            })
        }
        return rows
    }

    /// The line Foundation's parser stopped on ("around character N", or the last line when the text
    /// ends too soon) and its words, so a broken JSON file names a line like a broken CSV does.
    static func jsonErrorLine(_ error: any Error, in bytes: [UInt8]) -> (line: Int, detail: String) {
        let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
        func line(at offset: Int) -> Int { 1 + bytes.prefix(max(0, min(offset, bytes.count))).filter { $0 == 0x0A }.count }
        if let match = detail.firstMatch(of: #/character (\d+)/#), let offset = Int(match.1) {
            return (line(at: offset), detail)
        }
        if detail.lowercased().contains("end of file") || detail.lowercased().contains("end of data") {
            var end = bytes.count
            while end > 0, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
            return (line(at: end), detail + " (the file is cut short)")
        }
        return (1, detail)
    }

    /// The line on which each top-level array element starts, so JSON errors can name a line too.
    static func elementLines(_ bytes: [UInt8]) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        for b in bytes {
            if b == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 1 { lines.append(line) }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return lines
    }

    // MARK: Fields

    /// Builds a row from a lookup that gives (column name, raw text) for a logical field.
    func row(line: Int, source: String, _ value: (String) -> (String, String)?) throws(IntakeError) -> Row {
        func bad(_ column: String, _ message: String) -> IntakeError {
            .badData(source: source, line: line, column: column, message: message)
        }
        func required(_ field: String) throws(IntakeError) -> (String, String) {
            guard let (name, raw) = value(field) else { throw bad(column(field), "missing") }
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { throw bad(name, "empty") }
            return (name, text)
        }
        let week: ISOWeek
        let asOf: CalendarDate
        if let (name, raw) = value("week"), !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if let w = ISOWeek(text) {
                week = w
                asOf = w.sunday
            } else if let d = CalendarDate(iso: text) {
                week = ISOWeek(containing: d)
                asOf = d
            } else {
                throw bad(name, "'\(text)' is neither a week like 2009-W12 nor a date like 2009-03-20")
            }
        } else {
            let (name, text) = try required("date")
            guard let d = CalendarDate(iso: text) else { throw bad(name, "'\(text)' is not a date like 2009-03-20") }
            week = ISOWeek(containing: d)
            asOf = d
        }
        let (_, program) = try required("program")
        let (_, project) = try required("project")
        let (executedName, executedText) = try required("executed")
        guard let executed = AmountParser.won(executedText) else {
            throw bad(executedName, AmountParser.problem(executedText))
        }
        guard executed >= 0 else { throw bad(executedName, "a cumulative amount cannot be negative (\(executedText))") }
        var budget: Won?
        if let (name, raw) = value("budget"), !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard let b = AmountParser.won(text), b > 0 else { throw bad(name, "'\(text)' is not a positive amount of won") }
            budget = b
        }
        var kpis: [String: Int64] = [:]
        for id in kpiColumns.keys {
            guard let (name, raw) = value("kpi:\(id)") else { continue }
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard let n = AmountParser.won(text), n >= 0 else { throw bad(name, "'\(text)' is not a whole non-negative number") }
            kpis[id] = n
        }
        var reported: ISOWeek?
        if let (name, raw) = value("reported"), !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard let r = ISOWeek(text) ?? CalendarDate(iso: text).map(ISOWeek.init(containing:)) else {
                throw bad(name, "'\(text)' is neither a week like 2009-W26 nor a date like 2009-06-29")
            }
            guard r >= week else { throw bad(name, "reported in \(r), before the figure's own week \(week)") }
            reported = r
        }
        return Row(line: line, week: week, asOf: asOf, program: program, project: project, executed: executed, budget: budget, kpis: kpis,
                   reported: reported)
    }
}
