import Budget

/// Turns a sheet's rows into figure rows as they stream past: finds the header below the title rows,
/// reads the unit and the as-of date from the title, converts amounts to whole won exactly, and checks
/// each 소계/합계/계 row against the rows it closes.
final class XLSXFiguresSheet {
    typealias Row = FiguresReader.Row

    /// The labels of total rows: not figures, but checks on them.
    static let subtotalLabels: Set<String> = ["소계", "계", "중계"]
    static let totalLabels: Set<String> = ["합계", "총계", "총합계", "전체합계"]
    /// The header must be among the first rows; past them the sheet is not a figures table.
    static let headerSearchRows = 50
    static let fields = ["week", "date", "program", "project", "executed", "budget", "committed", "department", "reported"]

    let reader: FiguresReader
    let source: String
    let sheet: String
    let date1904: Bool

    private var titleTexts: [String] = []
    /// Field → (column, the header's own text).
    private var header: [String: (column: Int, name: String)] = [:]
    private var headerFound = false
    /// The columns of the header's amounts, and those that make a row a figure row: fixed once the header is found.
    private var amountColumns: Set<Int> = []
    private var identifyingColumns: Set<Int> = []
    private var headerRow = 0
    private var wonPerUnit: Int64 = 1
    private var asOfFromTitle: CalendarDate?
    private var rows: [Row] = []
    private var mismatches: [SubtotalMismatch] = []

    /// Running sums of the figure rows since the last 소계, since the last 합계, and since the header.
    private var sinceSubtotal = Sums()
    private var sinceTotal = Sums()
    private var all = Sums()
    /// A 합계 right under the header closes every row after it: checked at the end.
    private var leadingTotals: [(label: String, row: Int, stated: [SubtotalMismatch.Field: (cell: String, won: Won)], before: Sums)] = []

    struct Sums {
        var rows = 0
        var won: [SubtotalMismatch.Field: Won] = [:]

        /// One more figure row with these amounts.
        mutating func add(_ amounts: [SubtotalMismatch.Field: Won]) {
            rows += 1
            for (field, amount) in amounts { won[field, default: 0] += amount }
        }
        static func - (a: Sums, b: Sums) -> Sums {
            var out = Sums(rows: a.rows - b.rows)
            for (k, v) in a.won { out.won[k] = v - (b.won[k] ?? 0) }
            return out
        }
    }

    init(reader: FiguresReader, source: String, sheet: String, date1904: Bool) {
        self.reader = reader
        self.source = source
        self.sheet = sheet
        self.date1904 = date1904
    }

    func bad(_ column: Int, _ row: Int, _ name: String?, _ message: String) -> IntakeError {
        .badCell(source: source, sheet: sheet, cell: XLSXCell.letters(column) + "\(row)", column: name, message: message)
    }

    /// A header name as matched: no spaces or line breaks, no trailing `(A)`, `(천원)`, `[B]`.
    static func normalized(_ text: String) -> String {
        var t = text.filter { !$0.isWhitespace }
        while let last = t.last, last == ")" || last == "]", let open = t.lastIndex(of: last == ")" ? "(" : "["), open != t.startIndex {
            t = String(t[..<open])
        }
        return t.lowercased()
    }

    // MARK: Rows

    func take(_ row: XLSXRow) throws(IntakeError) {
        guard headerFound else { return try lookForHeader(row) }
        if row.cells.isEmpty { return }
        // Every total label ends in 계: the check skips normalising the text of ordinary rows.
        if let label = row.cells.lazy.filter({ $0.kind == .text && !self.amountColumns.contains($0.column) && $0.value.unicodeScalars.contains("계") })
            .map({ Self.normalized($0.value) })
            .first(where: { Self.subtotalLabels.contains($0) || Self.totalLabels.contains($0) }) {
            return try total(row, label: label)
        }
        // A note below the table (※ 자료: …) or a group heading has no code and no amount: not a figure row.
        guard row.cells.contains(where: { identifyingColumns.contains($0.column) }) else { return }
        try figure(row)
    }

    private func lookForHeader(_ row: XLSXRow) throws(IntakeError) {
        let names = row.cells.filter { $0.kind == .text }.map { (column: $0.column, name: $0.value, key: Self.normalized($0.value)) }
        func find(_ field: String) throws(IntakeError) -> (column: Int, name: String)? {
            for candidate in reader.candidates(field) {
                let key = Self.normalized(candidate)
                let hits = names.filter { $0.key == key }
                if hits.count > 1 {
                    throw bad(hits[1].column, row.number, candidate,
                              "the header has this column \(hits.count) times (\(hits.map { XLSXCell.letters($0.column) }.joined(separator: ", "))); keep one")
                }
                if let hit = hits.first { return (hit.column, hit.name) }
            }
            return nil
        }
        guard try find("project") != nil, try find("executed") != nil else {
            titleTexts.append(contentsOf: names.map(\.name))
            if row.number >= Self.headerSearchRows {
                throw .badData(source: source, line: row.number, column: nil,
                               message: "sheet '\(sheet)': no header row in rows 1–\(Self.headerSearchRows) (looked for a row with '\(reader.column("project"))' and '\(reader.column("executed"))'); set source.columns or source.preset, or source.sheet")
            }
            return
        }
        for field in Self.fields + reader.kpiColumns.keys.sorted().map({ "kpi:\($0)" }) {
            if let hit = try find(field) { header[field] = hit }
        }
        headerFound = true
        headerRow = row.number
        amountColumns = Set(SubtotalMismatch.Field.allCases.compactMap { header[$0.rawValue]?.column })
        identifyingColumns = Set(["project", "executed", "budget", "committed"].compactMap { header[$0]?.column })
        guard header["program"] != nil else {
            throw .badData(source: source, line: row.number, column: reader.column("program"),
                           message: "sheet '\(sheet)': required column missing; the header has: \(names.map(\.name).joined(separator: ", "))")
        }
        asOfFromTitle = titleTexts.lazy.compactMap(Self.asOf(in:)).first
        if header["week"] == nil, header["date"] == nil, asOfFromTitle == nil {
            throw .badData(source: source, line: row.number, column: reader.column("week"),
                           message: "sheet '\(sheet)': needs a week column ('\(reader.column("week"))'), a date column ('\(reader.column("date"))') or an as-of date in the title (2025.03.31 기준)")
        }
        try resolveUnit(headerRow: row.number)
    }

    private func resolveUnit(headerRow: Int) throws(IntakeError) {
        let stated = titleTexts.lazy.compactMap(AmountUnit.stated(in:)).first
            ?? header["executed"].flatMap { AmountUnit.inHeader($0.name) }
        let executedColumn = header["executed"]?.column ?? 1
        switch (reader.unit, stated) {
        case (.auto, nil):
            throw bad(executedColumn, headerRow, header["executed"]?.name,
                      "source.unit is auto, but no unit line such as (단위: 천원) is above the header; add one or set source.unit: won, thousand, million or eok")
        case let (.auto, unit?):
            wonPerUnit = unit.wonPerUnit ?? 1
        case let (configured, unit?) where unit != configured:
            throw bad(executedColumn, headerRow, header["executed"]?.name,
                      "the sheet states its amounts in \(unit.koreanName) but source.unit is \(configured.rawValue) (\(configured.koreanName)); set source.unit: \(unit.rawValue) or auto")
        case let (configured, _):
            wonPerUnit = configured.wonPerUnit ?? 1
        }
    }

    private func figure(_ row: XLSXRow) throws(IntakeError) {
        var amounts: [SubtotalMismatch.Field: Won] = [:]
        var values: [String: (String, String)] = [:]
        var fields = header
        if fields["week"] == nil, fields["date"] == nil, let asOf = asOfFromTitle {
            values["date"] = ("기준일", asOf.description)
            fields.removeValue(forKey: "date")
        }
        for (field, (column, name)) in fields {
            guard let cell = row.cell(column) else { continue }
            if cell.kind == .error {
                throw bad(column, row.number, name, "the cell shows \(cell.value) (a broken formula); fix it in the export")
            }
            if let amountField = SubtotalMismatch.Field(rawValue: field) {
                let won = try amount(cell, row: row.number, name: name)
                amounts[amountField] = won
                values[field] = (name, String(won))
            } else if field == "week" || field == "date" || field == "reported" {
                values[field] = (name, try dateText(cell, row: row.number, name: name))
            } else if field == "project" || field == "program", cell.kind == .number {
                values[field] = (name, try code(cell, row: row.number, name: name))
            } else {
                values[field] = (name, cell.value)
            }
        }
        var parsed: Row
        do throws(IntakeError) {
            parsed = try reader.row(line: row.number, source: source) { values[$0] }
        } catch {
            guard case let .badData(_, line, column, message) = error else { throw error }
            let place = column.flatMap { name in header.values.first { $0.name == name }?.column } ?? header["executed"]?.column ?? 1
            throw bad(place, line, column, message)
        }
        parsed.sheet = sheet
        parsed.projectCell = header["project"].map { XLSXCell.letters($0.column) + "\(row.number)" }
        rows.append(parsed)
        sinceSubtotal.add(amounts)
        sinceTotal.add(amounts)
        all.add(amounts)
    }

    private func total(_ row: XLSXRow, label: String) throws(IntakeError) {
        var stated: [SubtotalMismatch.Field: (cell: String, won: Won)] = [:]
        for field in SubtotalMismatch.Field.allCases {
            guard let (column, name) = header[field.rawValue], let cell = row.cell(column) else { continue }
            if cell.kind == .error { throw bad(column, row.number, name, "the \(label) row shows \(cell.value) (a broken formula)") }
            stated[field] = (XLSXCell.letters(column) + "\(row.number)", try amount(cell, row: row.number, name: name))
        }
        if Self.subtotalLabels.contains(label) {
            compare(label, stated, sinceSubtotal)
            sinceSubtotal = Sums()
        } else if sinceTotal.rows == 0 {
            leadingTotals.append((label, row.number, stated, all))
        } else {
            compare(label, stated, sinceTotal)
            sinceSubtotal = Sums()
            sinceTotal = Sums()
        }
    }

    private func compare(_ label: String, _ stated: [SubtotalMismatch.Field: (cell: String, won: Won)], _ sums: Sums) {
        for field in SubtotalMismatch.Field.allCases {
            guard let (cell, won) = stated[field] else { continue }
            let computed = sums.won[field] ?? 0
            if won != computed {
                mismatches.append(SubtotalMismatch(place: "\(source):\(IntakeError.sheetReference(sheet))!\(cell)", label: label, field: field,
                                                   stated: won, computed: computed, rows: sums.rows))
            }
        }
    }

    func finish() throws(IntakeError) -> ([Row], [SubtotalMismatch]) {
        guard headerFound else {
            throw .badData(source: source, line: 1, column: nil,
                           message: "sheet '\(sheet)' has no header row (looked for '\(reader.column("project"))' and '\(reader.column("executed"))'); check source.sheet and source.columns")
        }
        for leading in leadingTotals { compare(leading.label, leading.stated, all - leading.before) }
        return (rows, mismatches.sorted { $0.place < $1.place })
    }

    // MARK: Cells

    private func amount(_ cell: XLSXCell, row: Int, name: String) throws(IntakeError) -> Won {
        guard cell.kind == .number || cell.kind == .text else {
            throw bad(cell.column, row, name, "'\(cell.value)' is not an amount")
        }
        do throws(ExactAmount.Problem) {
            return try ExactAmount.won(cell.value, wonPerUnit: wonPerUnit, storedAsNumber: cell.kind == .number)
        } catch {
            let unit = wonPerUnit == 1 ? "won" : "× \(wonPerUnit) won"
            switch error {
            case .notANumber:
                throw bad(cell.column, row, name, "'\(cell.value)' is not an amount (digits, optional thousands separators and decimals)")
            case .tooLarge:
                throw bad(cell.column, row, name, "'\(cell.value)' (\(unit)) is too large for one amount: more than ₩100조; check the unit and extra digits")
            case let .fractionOfWon(whole, fraction):
                throw bad(cell.column, row, name,
                          "'\(cell.value)' (\(unit)) is \(whole).\(fraction) won, not a whole won; check source.unit or round the cell in the export")
            }
        }
    }

    /// A date cell as `YYYY-MM-DD` (a serial number of days, or text like 2025.03.31), or a week as written.
    private func dateText(_ cell: XLSXCell, row: Int, name: String) throws(IntakeError) -> String {
        if cell.kind == .number {
            guard let serial = Int(cell.value.split(separator: ".").first ?? ""), serial > 60, serial < 2_958_466 else {
                throw bad(cell.column, row, name, "'\(cell.value)' is a number, not a date or a week")
            }
            // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: from day 61 on,
            // day n is 1899-12-30 + n. The 1904 system counts from 1904-01-01.
            // (1899-12-30 is day −25,569 of 1970's count, 1904-01-01 day −24,107.)
            let epoch = date1904 ? -24_107 : -25_569
            return CalendarDate(dayNumber: epoch + serial).description
        }
        let text = cell.value.trimmedSpaces
        if ISOWeek(text) != nil || CalendarDate(iso: text) != nil { return text }
        return Self.date(in: text)?.description ?? text
    }

    /// A code stored as a number: its digits as written, refused when Excel cannot have kept them all.
    private func code(_ cell: XLSXCell, row: Int, name: String) throws(IntakeError) -> String {
        let digits = cell.value
        guard digits.allSatisfy(\.isNumber), digits.count <= 15 else {
            throw bad(cell.column, row, name,
                      "the code '\(digits)' is stored as a number, and Excel keeps only 15 digits of a number; format the column as text in the export")
        }
        return digits
    }

    // MARK: Title

    /// The first date in `text` written as 2025.03.31, 2025-03-31, 2025/3/31 or 2025년 3월 31일.
    static func date(in text: String) -> CalendarDate? {
        let numbers = text.split { !$0.isASCII || !$0.isNumber }.map(String.init)
        guard numbers.count >= 3 else { return nil }
        for i in 0...(numbers.count - 3) where numbers[i].count == 4 {
            if let y = Int(numbers[i]), let m = Int(numbers[i + 1]), let d = Int(numbers[i + 2]), numbers[i + 1].count <= 2, numbers[i + 2].count <= 2,
               let date = CalendarDate(year: y, month: m, day: d) {
                return date
            }
        }
        return nil
    }

    /// The as-of date a title states (`2025.03.31 기준`, `기준일: 2025-03-31`, `(2025. 3. 31. 현재)`).
    static func asOf(in text: String) -> CalendarDate? {
        guard text.contains("기준") || text.contains("현재") else { return nil }
        return date(in: text)
    }
}
