import Budget
import Foundation
@testable import Intake
import TestSupport
import Testing
import ZIPFoundation

/// Workbooks in a 지방재정365 layout, written by the tests (`WorkbookBuilder`) and by openpyxl (a fixture).
struct XLSXReaderTests {
    typealias Cell = WorkbookBuilder.Cell

    /// 2025-03-31 (a Monday, 2025-W14) as Excel's serial day number.
    static let march31 = "45747"
    static let week14 = ISOWeek("2025-W14")!

    /// The figures sheet: a merged title, a unit line in 천원, the header on row 4, amounts as numbers, as text
    /// with separators and decimals of 천원 and as a formula's cached value, 소계 rows and a 합계 row.
    static func rows() -> [[Cell?]] {
        [
            [.text("2025년 세출예산 집행현황(세부사업별)")],
            [nil, nil, nil, nil, nil, nil, .text("(단위: 천원)")],
            [],
            [.text("기준일"), .text("정책사업"), .text("세부사업코드"), .text("세부사업명"), .text("예산현액"), .text("지출원인행위액"), .text("지출액"), .text("집행률")],
            [.number(march31), .text("지역경제 활성화"), .text("0800123400000001"), .text("전통시장 시설현대화"), .number("1250000"), .number("800000"),
             .number("612345"), .formula("G5/E5", cached: "0.489876")],
            [.inline("2025-03-31"), .text("지역경제 활성화"), .inline("0800123400000002"), .text("소상공인 경영안정자금"), .number("3000000"),
             .number("2100000"), .formula("F6*0.946502057619", cached: "1987654.321"), nil],
            [.text("2025.03.31"), .text("지역경제 활성화"), .text("0800123400000013"), .text("청년창업 지원"), .text("480,000"), .number("120000"),
             .text("99,999.5"), nil],
            [nil, .text("지역경제 활성화"), nil, .text("소계"), .number("4730000"), .number("3020000"), .formula("SUM(G5:G7)", cached: "2699998.821")],
            [.number(march31), .text("생활 안전"), .text("0800567800000004"), .text("CCTV 통합관제 고도화"), .number("2400000"), .number("1800000"),
             .number("1.2E6"), nil],
            [nil, .text("생활 안전"), nil, .text(" 소 계 "), .number("2400000"), .number("1800000"), .number("1200000")],
            [.text("합계"), nil, nil, nil, .number("7130000"), .number("4820000"), .formula("G8+G10", cached: "3899998.821")],
            [],
            [.text("※ 자료: 시험용으로 만든 값")],
        ]
    }

    /// The same figures worked out by hand, in won.
    static let executed: [String: Won] = [
        "0800123400000001": 612_345_000, "0800123400000002": 1_987_654_321, "0800123400000013": 99_999_500, "0800567800000004": 1_200_000_000,
    ]
    static let budgets: [String: Won] = [
        "0800123400000001": 1_250_000_000, "0800123400000002": 3_000_000_000, "0800123400000013": 480_000_000, "0800567800000004": 2_400_000_000,
    ]

    static func workbook(_ rows: [[Cell?]], in folder: TemporaryDirectory, name: String = "집행현황.xlsx", sheetName: String = "집행현황",
                         before: [WorkbookBuilder.Sheet] = [], omitReferences: Bool = false, prefixed: Bool = false) throws -> String {
        let url = folder.appendingPathComponent(name)
        try WorkbookBuilder(sheets: before + [WorkbookBuilder.Sheet(name: sheetName, rows: rows, merged: ["A1:H1"])],
                            omitReferences: omitReferences, prefixed: prefixed).write(to: url)
        return url.path
    }

    static let reader = FiguresReader(format: .xlsx, unit: .auto, preset: .lofin365)

    @Test("a 지방재정365-shaped sheet reads to the hand-computed won, its 소계/합계 rows agreeing",
          arguments: [(false, false), (true, false), (false, true)])
    func generatedWorkbook(omitReferences: Bool, prefixed: Bool) throws {
        let folder = try TemporaryDirectory("xlsx")
        let path = try Self.workbook(Self.rows(), in: folder, omitReferences: omitReferences, prefixed: prefixed)
        let reading = try Self.reader.readXLSX(path: path, name: "집행현황.xlsx")
        #expect(reading.subtotalMismatches == [])
        #expect(reading.figures.map(\.week) == Array(repeating: Self.week14, count: 4))
        #expect(Dictionary(uniqueKeysWithValues: reading.figures.map { ($0.project, $0.executed) }) == Self.executed)
        #expect(Dictionary(uniqueKeysWithValues: reading.figures.map { ($0.project, $0.budget ?? -1) }) == Self.budgets)
        #expect(reading.figures.map(\.executed).reduce(0, +) == 3_899_998_821)
        #expect(Set(reading.figures.map(\.program)) == ["지역경제 활성화", "생활 안전"])
    }

    @Test func aWorkbookFetchedOverHTTPReadsTheSameFromMemory() throws {
        let folder = try TemporaryDirectory("xlsx")
        let path = try Self.workbook(Self.rows(), in: folder)
        let document = SourceDocument(name: "집행현황.xlsx", data: try Data(contentsOf: URL(fileURLWithPath: path)))
        let fromMemory = try Self.reader.readChecked(document)
        #expect(fromMemory.figures == (try Self.reader.readXLSX(path: path, name: "집행현황.xlsx")).figures)
    }

    @Test func aSubtotalThatDisagreesIsAMismatchNamingItsCell() throws {
        let folder = try TemporaryDirectory("xlsx")
        var rows = Self.rows()
        rows[7][6] = .number("2699998")          // 소계 of 지역경제: 821 won short
        rows[10][4] = .number("7130001")         // 합계 예산현액: 1,000 won over
        let path = try Self.workbook(rows, in: folder)
        let reading = try Self.reader.readXLSX(path: path, name: "집행현황.xlsx")
        #expect(reading.subtotalMismatches == [
            SubtotalMismatch(place: "집행현황.xlsx:집행현황!E11", label: "합계", field: .budget, stated: 7_130_001_000, computed: 7_130_000_000, rows: 4),
            SubtotalMismatch(place: "집행현황.xlsx:집행현황!G8", label: "소계", field: .executed, stated: 2_699_998_000, computed: 2_699_998_821, rows: 3),
        ])
        // The figures themselves are still the rows', never the totals'.
        #expect(reading.figures.map(\.executed).reduce(0, +) == 3_899_998_821)
    }

    @Test func aTotalOnTopClosesEveryRowBelowIt() throws {
        let folder = try TemporaryDirectory("xlsx")
        var rows = Self.rows()
        let total = rows.remove(at: 10)
        rows.insert(total, at: 4)
        rows[4][6] = .number("3899998.82")
        let path = try Self.workbook(rows, in: folder)
        let reading = try Self.reader.readXLSX(path: path, name: "집행현황.xlsx")
        #expect(reading.subtotalMismatches.map(\.place) == ["집행현황.xlsx:집행현황!G5"])
        #expect(reading.subtotalMismatches.first?.difference == -1)
    }

    struct BadCell: CustomTestStringConvertible, Sendable {
        let row: Int
        let column: Int
        let cell: String
        let text: String
        let expected: String
        var testDescription: String { "\(cell) = \(text)" }
    }

    @Test("a bad cell is an error naming file, sheet and cell", arguments: [
        BadCell(row: 4, column: 6, cell: "number:612345.0001", text: "a fraction of a won",
                expected: "집행현황.xlsx:집행현황!G5 (column '지출액'): '612345.0001' (× 1000 won) is 612345000.1 won, not a whole won"),
        BadCell(row: 4, column: 6, cell: "error:#REF!", text: "a broken formula",
                expected: "집행현황.xlsx:집행현황!G5 (column '지출액'): the cell shows #REF! (a broken formula)"),
        BadCell(row: 5, column: 6, cell: "text:약 600", text: "words",
                expected: "집행현황.xlsx:집행현황!G6 (column '지출액'): '약 600' is not an amount"),
        BadCell(row: 6, column: 2, cell: "number:8001234000000013", text: "a 16-digit code stored as a number",
                expected: "집행현황.xlsx:집행현황!C7 (column '세부사업코드'): the code '8001234000000013' is stored as a number"),
        BadCell(row: 8, column: 0, cell: "number:12", text: "a date that is a small number",
                expected: "집행현황.xlsx:집행현황!A9 (column '기준일'): '12' is a number, not a date"),
        BadCell(row: 8, column: 0, cell: "text:3월말", text: "a date in words",
                expected: "집행현황.xlsx:집행현황!A9 (column '기준일'): '3월말' is not a date like 2009-03-20"),
        BadCell(row: 8, column: 2, cell: "text:0800123400000001", text: "the same code twice",
                expected: "집행현황.xlsx:집행현황!C9 (column '세부사업코드'): 0800123400000001 appears twice for 2025-03-31 (first in row 5)"),
        BadCell(row: 1, column: 6, cell: "text:(단위: 백만원)", text: "a unit line against source.unit",
                expected: "집행현황.xlsx:집행현황!G4 (column '지출액'): the sheet states its amounts in 백만원 but source.unit is thousand"),
    ])
    func badCell(_ bad: BadCell) throws {
        let folder = try TemporaryDirectory("xlsx")
        var rows = Self.rows()
        let (kind, value) = (bad.cell.split(separator: ":", maxSplits: 1).map(String.init)[0], String(bad.cell.split(separator: ":", maxSplits: 1)[1]))
        rows[bad.row][bad.column] = switch kind {
        case "number": .number(value)
        case "error": .error(value)
        default: .text(value)
        }
        let path = try Self.workbook(rows, in: folder)
        let reader = bad.text.contains("source.unit") ? FiguresReader(format: .xlsx, unit: .thousand, preset: .lofin365) : Self.reader
        #expect {
            _ = try reader.readXLSX(path: path, name: "집행현황.xlsx")
        } throws: { error in
            guard case .badCell = error as? IntakeError else { return false }
            return "\(error)".hasPrefix(bad.expected)
        }
    }

    @Test func autoWithoutAUnitLineSaysWhatToSet() throws {
        let folder = try TemporaryDirectory("xlsx")
        var rows = Self.rows()
        rows[1] = []
        let path = try Self.workbook(rows, in: folder)
        #expect(throws: IntakeError.self) { try Self.reader.readXLSX(path: path, name: "집행현황.xlsx") }
        do {
            _ = try Self.reader.readXLSX(path: path, name: "집행현황.xlsx")
        } catch {
            #expect("\(error)".contains("set source.unit: won, thousand, million or eok"))
        }
        // Stated by the config instead, the same sheet reads.
        let stated = try FiguresReader(format: .xlsx, unit: .thousand, preset: .lofin365).readXLSX(path: path, name: "집행현황.xlsx")
        #expect(stated.figures.map(\.executed).reduce(0, +) == 3_899_998_821)
    }

    @Test(arguments: [(SheetSelector.name("집행현황"), true), (.index(2), true), (.index(1), false), (.name("없는시트"), false), (.index(3), false)])
    func sheetByNameOrPosition(_ selector: SheetSelector, _ reads: Bool) throws {
        let folder = try TemporaryDirectory("xlsx")
        let guide = WorkbookBuilder.Sheet(name: "안내", rows: [[.text("이 파일은 시험용입니다")]])
        let path = try Self.workbook(Self.rows(), in: folder, before: [guide])
        let reader = FiguresReader(format: .xlsx, sheet: selector, unit: .auto, preset: .lofin365)
        if reads {
            #expect(try reader.readXLSX(path: path, name: "집행현황.xlsx").figures.count == 4)
        } else {
            #expect(throws: IntakeError.self) { try reader.readXLSX(path: path, name: "집행현황.xlsx") }
        }
    }

    @Test func notAWorkbookIsBadDataNotACrash() throws {
        let folder = try TemporaryDirectory("xlsx")
        let url = folder.appendingPathComponent("figures.xlsx")
        try Data("week,program,project,executed\n".utf8).write(to: url)
        #expect {
            _ = try Self.reader.readXLSX(path: url.path, name: "figures.xlsx")
        } throws: { error in
            "\(error)".contains("not an XLSX workbook")
        }
    }

    @Test("a damaged sheet is bad data naming the part, never figures read past the damage", arguments: [
        "<row r=\"5\"><c r=\"A5\"><v>45747</v></row>",          // a cell never closed
        "<row r=\"5\"><c r=\"A5\"><v>45747</v></c>",            // the XML ends mid-row (truncated export)
    ])
    func damagedSheetXML(_ broken: String) throws {
        let folder = try TemporaryDirectory("xlsx")
        let path = try Self.workbook(Self.rows(), in: folder)
        // A new archive with every part copied and the sheet cut short (ZIPFoundation's update mode would
        // leave its scratch folder in TMPDIR).
        let original = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let damagedPath = folder.appendingPathComponent("damaged.xlsx")
        let copy = try Archive(url: damagedPath, accessMode: .create)
        for entry in original {
            var data = Data()
            _ = try original.extract(entry) { data.append($0) }
            if entry.path == "xl/worksheets/sheet1.xml" {
                let xml = String(decoding: data, as: UTF8.self)
                let cut = try #require(xml.range(of: "<row r=\"5\">"))
                data = Data((String(xml[..<cut.lowerBound]) + broken + (broken.hasSuffix("</row>") ? "</sheetData></worksheet>" : "")).utf8)
            }
            let bytes = data
            try copy.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) {
                bytes.subdata(in: Int($0)..<(Int($0) + $1))
            }
        }
        #expect {
            _ = try Self.reader.readXLSX(path: damagedPath.path, name: "집행현황.xlsx")
        } throws: { error in
            "\(error)".contains("xl/worksheets/sheet1.xml is not well-formed XML")
        }
    }

    @Test func aSheetWithoutHeaderSaysWhichColumnsItLookedFor() throws {
        let folder = try TemporaryDirectory("xlsx")
        let path = try Self.workbook([[.text("제목")], [.text("a"), .text("b")]], in: folder)
        #expect {
            _ = try Self.reader.readXLSX(path: path, name: "집행현황.xlsx")
        } throws: { error in
            "\(error)".contains("'세부사업코드' and '지출액'")
        }
    }

    // MARK: A workbook another tool wrote

    struct Expected: Decodable {
        let sheet: String
        let as_of: String
        let rows: Int
        let codes: [String]
        let executed_won: [String: Int64]
        let budget_won: [String: Int64]
        let total_executed_won: Int64
        let total_budget_won: Int64
    }

    @Test("openpyxl's workbook (inline strings, absolute part paths, a guide sheet first) matches its script's Decimal totals")
    func openpyxlFixture() throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: Paths.fixture("intake/lofin365-openpyxl.expected.json"))))
        let reader = FiguresReader(format: .xlsx, sheet: .name(expected.sheet), unit: .auto, preset: .lofin365)
        let reading = try reader.readXLSX(path: Paths.fixture("intake/lofin365-openpyxl.xlsx"), name: "lofin365-openpyxl.xlsx")
        #expect(reading.subtotalMismatches == [])
        #expect(reading.figures.count == expected.rows)
        #expect(reading.figures.map(\.project).sorted() == expected.codes.sorted())
        #expect(Dictionary(uniqueKeysWithValues: reading.figures.map { ($0.project, $0.executed) }) == expected.executed_won)
        #expect(Dictionary(uniqueKeysWithValues: reading.figures.map { ($0.project, $0.budget ?? -1) }) == expected.budget_won)
        #expect(reading.figures.map(\.executed).reduce(0, +) == expected.total_executed_won)
        #expect(reading.figures.compactMap(\.budget).reduce(0, +) == expected.total_budget_won)
        let asOf = try #require(CalendarDate(iso: expected.as_of))
        #expect(reading.figures.allSatisfy { $0.week == ISOWeek(containing: asOf) })
    }
}
