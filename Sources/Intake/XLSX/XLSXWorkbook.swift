import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An opened workbook: its sheets by name, its shared strings, and a streamed read of one sheet's rows.
struct XLSXWorkbook {
    struct Sheet: Sendable {
        let name: String
        /// The part inside the archive, e.g. `xl/worksheets/sheet1.xml`.
        let path: String
    }

    /// The file name, for messages.
    let source: String
    let bytes: WorkbookBytes
    let sheets: [Sheet]
    let sharedStrings: [String]
    /// The workbook counts days from 1904-01-01 (old Mac Excel) instead of 1899-12-30.
    let date1904: Bool

    /// Reads the workbook's parts (not its sheets' rows).
    init(source: String, bytes: WorkbookBytes) throws(IntakeError) {
        self.source = source
        self.bytes = bytes
        func bad(_ message: String) -> IntakeError { .badData(source: source, line: 1, column: nil, message: message) }
        guard let archive = bytes.archive() else {
            throw bad("not an XLSX workbook (not a ZIP archive): an old .xls, or a web page saved as .xlsx? Open it in Excel and save as .xlsx")
        }
        // The package's root relationships name the workbook part; almost always xl/workbook.xml.
        var workbookPath = "xl/workbook.xml"
        if archive["_rels/.rels"] != nil {
            let rels = RelationshipsDelegate()
            try Self.parse(bytes, "_rels/.rels", rels, source: source)
            if let target = rels.targets.first(where: { $0.type.hasSuffix("/officeDocument") })?.target {
                workbookPath = Self.resolve(target, from: "")
            }
        }
        guard archive[workbookPath] != nil else { throw bad("not an XLSX workbook (no \(workbookPath)); save it from Excel as .xlsx") }
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let rels = RelationshipsDelegate()
        if archive[relsPath] != nil { try Self.parse(bytes, relsPath, rels, source: source) }
        let workbook = WorkbookDelegate()
        try Self.parse(bytes, workbookPath, workbook, source: source)
        date1904 = workbook.date1904
        sheets = workbook.sheets.map { sheet in
            let target = rels.targets.first { $0.id == sheet.relationship }?.target ?? "worksheets/sheet\(sheet.index).xml"
            return Sheet(name: sheet.name, path: Self.resolve(target, from: folder))
        }
        guard !sheets.isEmpty else { throw bad("the workbook has no sheets") }
        if let target = rels.targets.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target {
            let strings = SharedStringsDelegate()
            try Self.parse(bytes, Self.resolve(target, from: folder), strings, source: source)
            sharedStrings = strings.strings
        } else {
            sharedStrings = []
        }
    }

    /// The sheet `selector` names, or the first.
    func sheet(_ selector: SheetSelector?) throws(IntakeError) -> Sheet {
        let names = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        switch selector {
        case nil: return sheets[0]
        case let .index(i):
            guard (1...sheets.count).contains(i) else {
                throw .badData(source: source, line: 1, column: nil,
                               message: "source.sheet \(i): the workbook has \(sheets.count) sheet(s): \(names)")
            }
            return sheets[i - 1]
        case let .name(name):
            if let hit = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
                return hit
            }
            throw .badData(source: source, line: 1, column: nil, message: "source.sheet '\(name)' is not in the workbook; its sheets: \(names)")
        }
    }

    /// Streams `sheet`'s rows, in order, to `body`; memory holds one row at a time.
    func forEachRow(of sheet: Sheet, _ body: @escaping (XLSXRow) throws(IntakeError) -> Void) throws(IntakeError) {
        let rows = SheetDelegate(sharedStrings: sharedStrings, source: source, sheet: sheet.name, body: body)
        try Self.parse(bytes, sheet.path, rows, source: source)
    }

    // MARK: Parts

    private static func parse(_ bytes: WorkbookBytes, _ path: String, _ delegate: XLSXPartParser.Delegate, source: String) throws(IntakeError) {
        do throws(XLSXPartParser.Failure) {
            try XLSXPartParser.parse(bytes, path: path, with: delegate)
        } catch {
            switch error {
            case let .stopped(error): throw error
            case let .noPart(part): throw .badData(source: source, line: 1, column: nil, message: "the workbook has no part \(part) (damaged file?)")
            case let .unreadable(message): throw .badData(source: source, line: 1, column: nil, message: message)
            }
        }
    }

    /// A relationship target, relative to the part's folder or absolute from the package root.
    static func resolve(_ target: String, from folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }
}

// MARK: Delegates, one per part

private final class RelationshipsDelegate: XLSXPartParser.Delegate {
    var targets: [(id: String, type: String, target: String)] = []

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                         attributes: [String: String]) {
        guard elementName == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets.append((id, attributes["Type"] ?? "", target))
    }
}

private final class WorkbookDelegate: XLSXPartParser.Delegate {
    var sheets: [(name: String, relationship: String, index: Int)] = []
    var date1904 = false

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                         attributes: [String: String]) {
        switch elementName {
        case "sheet":
            // With namespaces processed, `r:id` arrives as `id` or with its prefix, depending on the platform.
            let relationship = attributes["r:id"] ?? attributes["id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value ?? ""
            sheets.append((attributes["name"] ?? "Sheet\(sheets.count + 1)", relationship, sheets.count + 1))
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
        default: break
        }
    }
}

/// `<si>` items: plain `<t>` or rich-text runs `<r><t>…</t></r>`, never the phonetic `<rPh>` guide.
private final class SharedStringsDelegate: XLSXPartParser.Delegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                         attributes: [String: String]) {
        switch elementName {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch elementName {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// Rows of `<sheetData>`: each `<c>` with its type (`t`), value (`<v>`) or inline string (`<is>`).
private final class SheetDelegate: XLSXPartParser.Delegate {
    let sharedStrings: [String]
    let source: String
    let sheet: String
    let body: (XLSXRow) throws(IntakeError) -> Void

    private var rowNumber = 0
    private var cells: [XLSXCell] = []
    private var column = 0
    private var type = ""
    private var reference = ""
    private var value = ""
    private var inlineText = ""
    private var capturing: Capture = .none
    private var inPhonetic = false

    private enum Capture { case none, value, inline }

    init(sharedStrings: [String], source: String, sheet: String, body: @escaping (XLSXRow) throws(IntakeError) -> Void) {
        self.sharedStrings = sharedStrings
        self.source = source
        self.sheet = sheet
        self.body = body
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                         attributes: [String: String]) {
        switch elementName {
        case "row":
            rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            column = 0
        case "c":
            reference = attributes["r"] ?? ""
            column = XLSXCell.position(reference)?.column ?? column + 1
            type = attributes["t"] ?? "n"
            value = ""
            inlineText = ""
        case "v": capturing = .value
        case "t": if !inPhonetic { capturing = .inline }
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch elementName {
        case "v", "t": capturing = .none
        case "rPh": inPhonetic = false
        case "c": finishCell()
        case "row":
            guard stop == nil else { return }
            do throws(IntakeError) { try body(XLSXRow(number: rowNumber, cells: cells)) } catch { fail(error) }
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch capturing {
        case .none: break
        case .value: value += string
        case .inline: inlineText += string
        }
    }

    private func finishCell() {
        let cell: XLSXCell?
        switch type {
        case "s":
            guard let i = Int(value), sharedStrings.indices.contains(i) else {
                fail(.badCell(source: source, sheet: sheet, cell: XLSXCell.letters(column) + "\(rowNumber)", column: nil,
                              message: "refers to shared string \(value), which the workbook lacks (damaged file?)"))
                return
            }
            cell = XLSXCell(column: column, kind: .text, value: sharedStrings[i])
        case "inlineStr": cell = XLSXCell(column: column, kind: .text, value: inlineText)
        case "str": cell = XLSXCell(column: column, kind: .text, value: value)
        case "b": cell = value.isEmpty ? nil : XLSXCell(column: column, kind: .boolean, value: value)
        case "e": cell = XLSXCell(column: column, kind: .error, value: value)
        // `d`: an ISO 8601 date written as text (strict OOXML).
        case "d": cell = value.isEmpty ? nil : XLSXCell(column: column, kind: .text, value: String(value.prefix(10)))
        default: cell = value.isEmpty ? nil : XLSXCell(column: column, kind: .number, value: value)
        }
        if let cell { cells.append(cell) }
    }
}
