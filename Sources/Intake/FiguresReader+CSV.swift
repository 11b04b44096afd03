import Budget
import Foundation

/// Cumulative figures from CSV: a header row, columns mapped by `columns`, UTF-8 (BOM or not) or CP949.
extension FiguresReader {
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
            for name in candidates(field) {
                if let i = try HeaderLookup.position(of: name, in: names, source: source, line: 1) { index[field] = i; break }
            }
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
}
