import Budget

/// Cumulative figures from one sheet of an XLSX workbook, streamed row by row (see `XLSXFiguresSheet`).
extension FiguresReader {
    func readXLSX(_ bytes: WorkbookBytes, name: String) throws(IntakeError) -> Reading {
        let workbook = try XLSXWorkbook(source: name, bytes: bytes)
        let sheet = try workbook.sheet(self.sheet)
        let reader = XLSXFiguresSheet(reader: self, source: name, sheet: sheet.name, date1904: workbook.date1904)
        try workbook.forEachRow(of: sheet) { row throws(IntakeError) in try reader.take(row) }
        let (rows, mismatches) = try reader.finish()
        return try finish(rows, source: name, mismatches: mismatches)
    }
}
