import Budget
import Foundation

/// Reads cumulative figures from CSV, JSON or XLSX, strictly: every bad row is an error naming file, line and
/// column (a workbook's: file, sheet and cell).
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
    /// The workbook's sheet (XLSX); nil is the first.
    public let sheet: SheetSelector?
    /// The unit amounts are stated in (XLSX); `auto` reads the `(단위: …)` line.
    public let unit: AmountUnit
    /// A finance system's column names, for fields `columns` does not map.
    public let preset: SourcePreset?

    /// What a read found: the figures, and the source's own total rows that disagree with its figures.
    public struct Reading: Sendable {
        public let figures: [Figure]
        public let subtotalMismatches: [SubtotalMismatch]
    }

    public init(columns: [String: String] = [:], kpiColumns: [String: String] = [:], format: SourceFormat = .csv, encoding: SourceEncoding = .auto,
                knownAsOf: ISOWeek? = nil, sheet: SheetSelector? = nil, unit: AmountUnit = .won, preset: SourcePreset? = nil) {
        self.sheet = sheet
        self.unit = unit
        self.preset = preset
        self.columns = columns
        self.kpiColumns = kpiColumns
        self.format = format
        self.encoding = encoding
        self.knownAsOf = knownAsOf
    }

    func column(_ field: String) -> String {
        if field.hasPrefix("kpi:") { return kpiColumns[String(field.dropFirst(4))] ?? field }
        return columns[field] ?? preset?.columns[field]?.first ?? field
    }

    /// The header names that may hold `field`: the configured one, else the preset's, else the field's own name.
    func candidates(_ field: String) -> [String] {
        if field.hasPrefix("kpi:") { return [column(field)] }
        if let name = columns[field] { return [name] }
        return preset?.columns[field] ?? [field]
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
        /// In a workbook: the sheet and the project cell (`B7`), so a duplicate names the cell.
        var sheet: String? = nil
        var projectCell: String? = nil

        /// The week the row counts as reported in: its own unless the source says later.
        var reportedWeek: ISOWeek { reported ?? week }
    }

    public func read(_ document: SourceDocument) throws(IntakeError) -> [Figure] {
        try readChecked(document).figures
    }

    /// Reads the figures and checks the source's 소계/합계 rows against them.
    public func readChecked(_ document: SourceDocument) throws(IntakeError) -> Reading {
        // A new format is a `FiguresReader+<Format>.swift` that returns rows, a case in `SourceFormat` and a line here.
        switch format {
        case .csv: try finish(try readCSV(document), source: document.name)
        case .json: try finish(try readJSON(document), source: document.name)
        case .xlsx: try readXLSX(.data(document.data), name: document.name)
        }
    }

    /// Reads a workbook straight from disk, streamed: neither the file nor a sheet's XML is held whole.
    public func readXLSX(path: String, name: String) throws(IntakeError) -> Reading {
        try readXLSX(.file(path: path), name: name)
    }

    func finish(_ rows: [Row], source: String, mismatches: [SubtotalMismatch] = []) throws(IntakeError) -> Reading {
        guard !rows.isEmpty else { throw .empty(source: source) }
        let known = knownAsOf.map { week in rows.filter { ($0.reported ?? $0.week) <= week } } ?? rows
        return Reading(figures: try Self.resolve(known, source: source, projectColumn: column("project")), subtotalMismatches: mismatches)
    }

    /// The same sub-project twice for the same as-of day (and report week) is an error; a row reported
    /// later corrects the earlier one for that day; within a week the latest day counts.
    static func resolve(_ rows: [Row], source: String, projectColumn: String) throws(IntakeError) -> [Figure] {
        // Integer keys and row indices, not interpolated strings and copied rows: a million-row export
        // spent a third of its read building those keys, moving rows and comparing codes as strings.
        var rank: [String: Int32] = [:]
        for row in rows where rank[row.project] == nil { rank[row.project] = 0 }
        for (i, project) in rank.keys.sorted().enumerated() { rank[project] = Int32(i) }
        struct Day: Hashable { let project: Int32; let day: Int32 }
        struct Version: Hashable { let day: Day; let reported: ISOWeek? }
        struct Week: Hashable { let project: Int32; let week: ISOWeek }
        let ranks = rows.map { rank[$0.project]! }
        var seen: [Version: Int] = [:]
        var byDay: [Day: Int] = [:]
        seen.reserveCapacity(rows.count)
        byDay.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            let day = Day(project: ranks[i], day: Int32(truncatingIfNeeded: row.asOf.dayNumber))
            if let first = seen.updateValue(row.line, forKey: Version(day: day, reported: row.reported)) {
                if let sheet = row.sheet, let cell = row.projectCell {
                    throw .badCell(source: source, sheet: sheet, cell: cell, column: projectColumn,
                                   message: "\(row.project) appears twice for \(row.asOf) (first in row \(first)); keep one row")
                }
                throw .badData(source: source, line: row.line, column: projectColumn,
                               message: "\(row.project) appears twice for \(row.asOf) (first on line \(first)); keep one row")
            }
            if let current = byDay[day], rows[current].reportedWeek > row.reportedWeek { continue }
            byDay[day] = i
        }
        seen = [:]  // released before the next table is built: a million rows' worth
        var latest: [Week: Int] = [:]
        latest.reserveCapacity(byDay.count)
        for i in byDay.values {
            let key = Week(project: ranks[i], week: rows[i].week)
            if let current = latest[key], rows[current].asOf > rows[i].asOf { continue }
            latest[key] = i
        }
        return latest.values.sorted { (rows[$0].week, ranks[$0]) < (rows[$1].week, ranks[$1]) }.map {
            let row = rows[$0]
            return Figure(week: row.week, program: row.program, project: row.project, executed: row.executed, budget: row.budget, kpis: row.kpis)
        }
    }

    // MARK: Fields

    /// Builds a row from a lookup that gives (column name, raw text) for a logical field.
    func row(line: Int, source: String, _ value: (String) -> (String, String)?) throws(IntakeError) -> Row {
        func bad(_ column: String, _ message: String) -> IntakeError {
            .badData(source: source, line: line, column: column, message: message)
        }
        func required(_ field: String) throws(IntakeError) -> (String, String) {
            guard let (name, raw) = value(field) else { throw bad(column(field), "missing") }
            let text = raw.trimmedSpaces
            guard !text.isEmpty else { throw bad(name, "empty") }
            return (name, text)
        }
        /// The field's trimmed text, nil when the column is absent or the cell blank.
        func optional(_ field: String) -> (String, String)? {
            guard let (name, raw) = value(field) else { return nil }
            let text = raw.trimmedSpaces
            return text.isEmpty ? nil : (name, text)
        }
        let week: ISOWeek
        let asOf: CalendarDate
        if let (name, text) = optional("week") {
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
        if let (name, text) = optional("budget") {
            guard let b = AmountParser.won(text), b > 0 else { throw bad(name, "'\(text)' is not a positive amount of won") }
            budget = b
        }
        var kpis: [String: Int64] = [:]
        for id in kpiColumns.keys {
            guard let (name, text) = optional("kpi:\(id)") else { continue }
            guard let n = AmountParser.won(text), n >= 0 else { throw bad(name, "'\(text)' is not a whole non-negative number") }
            kpis[id] = n
        }
        var reported: ISOWeek?
        if let (name, text) = optional("reported") {
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
