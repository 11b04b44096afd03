import Budget
import Foundation
@testable import Intake
import TestSupport
import Testing

struct FiguresReaderTests {
    static let koreanColumns = ["week": "주차", "program": "사업코드", "project": "세부사업코드", "executed": "누적집행액"]

    static func week(_ text: String) -> ISOWeek { ISOWeek(text)! }

    /// utf8.csv as a finance officer reads it: W11 three rows, W12 two (one given by its as-of date).
    static let expected: [Figure] = [
        Figure(week: week("2009-W11"), program: "ECO", project: "ECO-01", executed: 1_200_000),
        Figure(week: week("2009-W11"), program: "ECO", project: "ECO-02", executed: 350_000),
        Figure(week: week("2009-W11"), program: "RSI2", project: "RSI2-01", executed: 12_345_678),
        Figure(week: week("2009-W12"), program: "ECO", project: "ECO-01", executed: 2_000_000),
        Figure(week: week("2009-W12"), program: "RSI2", project: "RSI2-02", executed: 0),
    ]

    static func document(_ fixture: String) throws -> SourceDocument {
        let path = Paths.fixture("intake/\(fixture)")
        return SourceDocument(name: fixture, data: try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("every export variant reads to the same figures",
          arguments: [("utf8.csv", "auto"), ("utf8-bom.csv", "auto"), ("crlf.csv", "auto"), ("cp949.csv", "auto"),
                      ("cp949.csv", "cp949"), ("utf8.csv", "utf-8"), ("figures.json", "auto")])
    func variants(fixture: String, encoding: String) throws {
        let encoding = try #require(SourceEncoding(rawValue: encoding))
        let reader = FiguresReader(columns: Self.koreanColumns, format: fixture.hasSuffix(".json") ? .json : .csv, encoding: encoding)
        #expect(try reader.read(Self.document(fixture)) == Self.expected)
    }

    @Test func cp949FixtureIsReallyCP949() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("intake/cp949.csv")))
        #expect(String(data: data, encoding: .utf8) == nil)
        #expect(data.starts(with: [0xC1, 0xD6, 0xC2, 0xF7])) // 주차 in CP949
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let label: String
        let body: [UInt8]
        let line: Int
        let column: String?
        let message: String
        var testDescription: String { label }

        init(_ label: String, _ text: String, line: Int, column: String?, _ message: String) {
            self.init(label, Array(text.utf8), line: line, column: column, message)
        }

        init(_ label: String, _ body: [UInt8], line: Int, column: String?, _ message: String) {
            self.label = label
            self.body = body
            self.line = line
            self.column = column
            self.message = message
        }
    }

    static let header = "주차,사업코드,세부사업코드,누적집행액\n"

    static let badCases: [BadCase] = [
        BadCase("missing column", "주차,사업코드,누적집행액\n2009-W11,ECO,100\n", line: 1, column: "세부사업코드", "required column missing"),
        BadCase("wrong column name", "주차,사업코드,세부사업코드,집행액\n2009-W11,ECO,ECO-01,100\n", line: 1, column: "누적집행액", "required column missing"),
        BadCase("non-numeric amount", header + "2009-W11,ECO,ECO-01,100\n2009-W11,ECO,ECO-02,12O0\n", line: 3, column: "누적집행액", "'12O0' is not a whole amount"),
        BadCase("misplaced separator", header + "2009-W11,ECO,ECO-01,\"12,00\"\n", line: 2, column: "누적집행액", "not a whole amount"),
        BadCase("decimal amount", header + "2009-W11,ECO,ECO-01,100.5\n", line: 2, column: "누적집행액", "not a whole amount"),
        BadCase("overflowing amount", header + "2009-W11,ECO,ECO-01,99999999999999999999\n", line: 2, column: "누적집행액", "too large"),
        BadCase("amount with extra digits", header + "2009-W11,ECO,ECO-01,\"1,234,567,890,123,456,789\"\n", line: 2, column: "누적집행액",
                "more than ₩100조"),
        BadCase("negative cumulative", header + "2009-W11,ECO,ECO-01,-5\n", line: 2, column: "누적집행액", "cannot be negative"),
        BadCase("empty amount", header + "2009-W11,ECO,ECO-01,\n", line: 2, column: "누적집행액", "empty"),
        BadCase("bad week", header + "2009-W11,ECO,ECO-01,1\n2009-W54,ECO,ECO-02,1\n", line: 3, column: "주차", "neither a week"),
        BadCase("bad date", header + "2009-02-29,ECO,ECO-01,1\n", line: 2, column: "주차", "neither a week"),
        BadCase("duplicate row", header + "2009-W11,ECO,ECO-01,1\n2009-W11,ECO,ECO-02,1\n2009-W11,ECO,ECO-01,1\n", line: 4, column: "세부사업코드", "ECO-01 appears twice"),
        BadCase("short row", header + "2009-W11,ECO,ECO-01\n", line: 2, column: "누적집행액", "expected 4 fields"),
        BadCase("unquoted comma", header + "2009-W11,ECO,ECO-01,1,000\n", line: 2, column: "field 5", "expected 4 fields"),
        BadCase("stray quote", header + "2009-W11,ECO,EC\"O-01,1\n", line: 2, column: "세부사업코드", "a quote inside an unquoted field"),
        BadCase("truncated in a quote", header + "2009-W11,ECO,ECO-01,\"1,0", line: 2, column: "누적집행액", "never closed"),
        BadCase("encoding error", Array(header.utf8) + Array("2009-W11,ECO,ECO-".utf8) + [0xFF, 0x41] + Array(",1\n".utf8),
                line: 2, column: "세부사업코드", "not valid"),
        BadCase("empty project", header + "2009-W11,ECO, ,1\n", line: 2, column: "세부사업코드", "empty"),
        BadCase("column twice in the header", "주차,사업코드,세부사업코드,누적집행액,누적집행액\n2009-W11,ECO,ECO-01,1,2\n", line: 1,
                column: "누적집행액", "4, 5"),
    ]

    @Test func aRowReportedLaterCorrectsTheWeekOnlyFromThatWeekOn() throws {
        let text = "주차,사업코드,세부사업코드,누적집행액,보고주차\n2009-W11,ECO,ECO-01,100,\n2009-W12,ECO,ECO-01,150,\n2009-W11,ECO,ECO-01,90,2009-W12\n"
        var columns = Self.koreanColumns
        columns["reported"] = "보고주차"
        func executed(knownAsOf week: Int?) throws -> [Int64] {
            try FiguresReader(columns: columns, knownAsOf: week.map { ISOWeek(year: 2009, week: $0)! })
                .read(SourceDocument(name: "figures.csv", data: Data(text.utf8))).map(\.executed)
        }
        #expect(try executed(knownAsOf: 11) == [100])
        #expect(try executed(knownAsOf: 12) == [90, 150])
        #expect(try executed(knownAsOf: nil) == [90, 150])
    }

    @Test("a bad report week names its column", arguments: [
        ("2009-W11,ECO,ECO-01,100,W12\n", "is neither a week"),
        ("2009-W11,ECO,ECO-01,100,2009-W10\n", "before the figure's own week"),
        ("2009-W11,ECO,ECO-01,100,2009-W12\n2009-W11,ECO,ECO-01,90,2009-W12\n", "appears twice"),
    ])
    func badReportWeek(rows: String, message: String) {
        var columns = Self.koreanColumns
        columns["reported"] = "보고주차"
        let error = #expect(throws: IntakeError.self) {
            try FiguresReader(columns: columns).read(SourceDocument(name: "figures.csv", data: Data(("주차,사업코드,세부사업코드,누적집행액,보고주차\n" + rows).utf8)))
        }
        #expect(error.map { "\($0)" }?.contains(message) == true, "\(String(describing: error))")
    }

    @Test func controlBytesQuotedInAnErrorAreShownEscaped() {
        let body = Self.header + "2009-W11,ECO,ECO-01,1\u{1B}[2J\n"
        let error = #expect(throws: IntakeError.self) {
            try FiguresReader(columns: Self.koreanColumns).read(SourceDocument(name: "figures.csv", data: Data(body.utf8)))
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("'1\\u{1B}[2J' is not a whole amount"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test("a bad row names the file, line and column", arguments: badCases)
    func badData(_ bad: BadCase) {
        let reader = FiguresReader(columns: Self.koreanColumns)
        #expect {
            try reader.read(SourceDocument(name: "exports/figures.csv", data: Data(bad.body)))
        } throws: { error in
            guard case let .badData(source, line, column, message) = error as? IntakeError else { return false }
            let text = "\(error)"
            return source == "exports/figures.csv" && line == bad.line && column == bad.column && message.contains(bad.message)
                && text.hasPrefix("exports/figures.csv:\(bad.line)") && (bad.column.map { text.contains("column '\($0)'") } ?? true)
        }
    }

    @Test("an empty or header-only file is empty data, not zero figures", arguments: ["", "\u{FEFF}", header, "\n\n", "[]", " "])
    func empty(body: String) {
        let reader = FiguresReader(columns: Self.koreanColumns, format: body.hasPrefix("[") ? .json : .csv)
        #expect {
            try reader.read(SourceDocument(name: "figures.csv", data: Data(body.utf8)))
        } throws: { error in
            guard case .empty(source: "figures.csv") = error as? IntakeError else { return false }
            return "\(error)".contains("figures.csv")
        }
    }

    @Test func aCP949FileWhoseFirstHangulIsAlsoValidUTF8IsStillReadAsCP949() throws {
        // "창챙" in CP949 is C3 A2 C3 AC, which is also the UTF-8 of "âì"; the next row's name is not.
        var bytes = Array("week,program,project,name,executed\n2009-W11,ECO,ECO-01,".utf8)
        bytes += [0xC3, 0xA2, 0xC3, 0xAC] + Array(",100\n2009-W11,ECO,ECO-02,".utf8)
        bytes += [0xBD, 0xBA, 0xC5, 0xB8, 0xB1, 0xE2, 0xBE, 0xF7] + Array(",200\n".utf8)   // 스타기업
        let reader = FiguresReader(columns: ["week": "week", "program": "program", "project": "project", "executed": "executed"])
        let figures = try reader.read(SourceDocument(name: "figures.csv", data: Data(bytes)))
        #expect(figures.map(\.executed) == [100, 200])
    }

    @Test("bad JSON names the element's line and field", arguments: [
        ("[\n {\"주차\": \"2009-W11\", \"사업코드\": \"ECO\", \"세부사업코드\": \"ECO-01\", \"누적집행액\": \"1,0\"}\n]", 2, "누적집행액"),
        ("[\n {\"주차\": \"2009-W11\", \"사업코드\": \"ECO\", \"세부사업코드\": \"ECO-01\", \"누적집행액\": 1},\n {\"주차\": \"W11\", \"사업코드\": \"ECO\", \"세부사업코드\": \"ECO-02\", \"누적집행액\": 1}\n]", 3, "주차"),
        ("[\n {\"주차\": \"2009-W11\", \"사업코드\": \"ECO\", \"누적집행액\": 1}\n]", 2, "세부사업코드"),
        // A boolean is no amount (Foundation hands it over as the number 1).
        ("[\n {\"주차\": \"2009-W11\", \"사업코드\": \"ECO\", \"세부사업코드\": \"ECO-01\", \"누적집행액\": true}\n]", 2, "누적집행액"),
        // A key twice in one object: Foundation keeps the last, silently.
        ("[\n {\"주차\": \"2009-W11\", \"사업코드\": \"ECO\", \"세부사업코드\": \"ECO-01\",\n  \"누적집행액\": 100, \"누적집행액\": 900}\n]", 3, "누적집행액"),
        ("[\n {\"주차\": \"2009-W11\", \"사업코드\": \"ECO\", \"세부사업코드\": \"ECO-01\", \"누적집행액\": 1},\n {\"주차\": \"2009-W11\", \"주차\": \"2009-W12\", \"사업코드\": \"ECO\", \"세부사업코드\": \"ECO-02\", \"누적집행액\": 1}\n]", 3, "주차"),
    ])
    func badJSON(text: String, line: Int, column: String) {
        let reader = FiguresReader(columns: Self.koreanColumns, format: .json)
        #expect {
            try reader.read(SourceDocument(name: "figures.json", data: Data(text.utf8)))
        } throws: { error in
            guard case let .badData("figures.json", l, c, _) = error as? IntakeError else { return false }
            return l == line && c == column
        }
    }

    /// The same key in different objects, or nested, is no duplicate.
    @Test func equalKeysInDifferentObjectsAreFine() throws {
        let text = "[\n {\"주차\": \"2009-W11\", \"사업코드\": \"ECO\", \"세부사업코드\": \"ECO-01\", \"누적집행액\": 1, \"x\": {\"주차\": 1}},\n {\"주차\": \"2009-W11\", \"사업코드\": \"ECO\", \"세부사업코드\": \"ECO-02\", \"누적집행액\": \"a,\\\"주차\\\"\"}\n]"
        let reader = FiguresReader(columns: Self.koreanColumns, format: .json)
        let error = #expect(throws: IntakeError.self) { try reader.read(SourceDocument(name: "figures.json", data: Data(text.utf8))) }
        // The second row's amount is no number: the error is about that, not about a duplicate key.
        #expect(error.map { "\($0)" }?.contains("appears twice") == false, "\(String(describing: error))")
    }

    @Test("broken JSON names the line the parser stopped on", arguments: [
        ("[\n {\"주차\": \"2009-W11\",\n  \"사업코드\": ", 3),            // cut short
        ("[\n {\"주차\": \"2009-W11\"},\n {\"주차\" \"2009-W12\"}\n]", 3),  // a missing colon
    ])
    func brokenJSON(text: String, line: Int) {
        let reader = FiguresReader(columns: Self.koreanColumns, format: .json)
        #expect {
            try reader.read(SourceDocument(name: "figures.json", data: Data(text.utf8)))
        } throws: { error in
            guard case let .badData("figures.json", l, _, message) = error as? IntakeError else { return false }
            return l == line && message.hasPrefix("not valid JSON")
        }
    }
}

extension Figure: CustomTestStringConvertible {
    public var testDescription: String { "\(week) \(program)/\(project)=\(executed)" }
}
