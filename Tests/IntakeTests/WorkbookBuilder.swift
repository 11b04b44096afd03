import Foundation
import ZIPFoundation

/// Writes small XLSX workbooks for tests, part by part as Excel lays them out, so each test states the
/// sheet it reads: title rows, merged cells, shared and inline strings, formulas with cached values, dates.
struct WorkbookBuilder {
    enum Cell {
        /// A shared string (Excel's way for text).
        case text(String)
        /// An inline string (`t="inlineStr"`, as some exporters write).
        case inline(String)
        /// A number as the sheet stores it (`<v>1234.5</v>`).
        case number(String)
        /// A formula with its cached result.
        case formula(String, cached: String)
        /// An error value (`#REF!`).
        case error(String)
    }

    struct Sheet {
        var name: String
        var rows: [[Cell?]]
        /// Ranges such as `A1:F1`.
        var merged: [String] = []
    }

    var sheets: [Sheet]
    /// Write `<c>` without `r` attributes (allowed; some writers do).
    var omitReferences = false
    /// Write the workbook with a namespace prefix on every element (`<x:row>`), as some .NET writers do.
    var prefixed = false

    func write(to url: URL) throws {
        var shared: [String] = []
        var sharedIndex: [String: Int] = [:]
        func sharedID(_ text: String) -> Int {
            if let i = sharedIndex[text] { return i }
            shared.append(text)
            sharedIndex[text] = shared.count - 1
            return shared.count - 1
        }
        let p = prefixed ? "x:" : ""
        let ns = prefixed ? "xmlns:x" : "xmlns"
        var parts: [(String, String)] = []
        for (n, sheet) in sheets.enumerated() {
            var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
                + "<\(p)worksheet \(ns)=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><\(p)sheetData>"
            for (r, row) in sheet.rows.enumerated() {
                xml += "<\(p)row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() {
                    guard let cell else {
                        // Without references a cell's place is its position: a gap must be an empty cell.
                        if omitReferences { xml += "<\(p)c/>" }
                        continue
                    }
                    let ref = omitReferences ? "" : " r=\"\(Self.letters(c + 1))\(r + 1)\""
                    switch cell {
                    case let .text(t): xml += "<\(p)c\(ref) t=\"s\"><\(p)v>\(sharedID(t))</\(p)v></\(p)c>"
                    case let .inline(t): xml += "<\(p)c\(ref) t=\"inlineStr\"><\(p)is><\(p)t>\(Self.escape(t))</\(p)t></\(p)is></\(p)c>"
                    case let .number(v): xml += "<\(p)c\(ref)><\(p)v>\(v)</\(p)v></\(p)c>"
                    case let .formula(f, cached): xml += "<\(p)c\(ref)><\(p)f>\(Self.escape(f))</\(p)f><\(p)v>\(cached)</\(p)v></\(p)c>"
                    case let .error(e): xml += "<\(p)c\(ref) t=\"e\"><\(p)v>\(Self.escape(e))</\(p)v></\(p)c>"
                    }
                }
                xml += "</\(p)row>"
            }
            xml += "</\(p)sheetData>"
            if !sheet.merged.isEmpty {
                xml += "<\(p)mergeCells count=\"\(sheet.merged.count)\">" + sheet.merged.map { "<\(p)mergeCell ref=\"\($0)\"/>" }.joined() + "</\(p)mergeCells>"
            }
            xml += "</\(p)worksheet>"
            parts.append(("xl/worksheets/sheet\(n + 1).xml", xml))
        }
        let strings = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + "<\(p)sst \(ns)=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(shared.count)\" uniqueCount=\"\(shared.count)\">"
            + shared.map { "<\(p)si><\(p)t xml:space=\"preserve\">\(Self.escape($0))</\(p)t></\(p)si>" }.joined() + "</\(p)sst>"
        parts.append(("xl/sharedStrings.xml", strings))
        let workbook = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + "<\(p)workbook \(ns)=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><\(p)sheets>"
            + sheets.enumerated().map { "<\(p)sheet name=\"\(Self.escape($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
            + "</\(p)sheets></\(p)workbook>"
        parts.append(("xl/workbook.xml", workbook))
        let rels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
            + #"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
        parts.append(("xl/_rels/workbook.xml.rels", rels))
        parts.append(("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#))
        parts.append(("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#))

        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }

    static func letters(_ column: Int) -> String {
        var n = column
        var out = ""
        while n > 0 {
            out = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + out
            n = (n - 1) / 26
        }
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
