import Budget
import Foundation
@testable import Intake
import Synchronization
import TestSupport
import Testing

struct TransactionsReaderTests {
    static let columns = ["date": "집행일자", "program": "사업코드", "project": "세부사업코드", "amount": "집행액"]
    static func week(_ text: String) -> ISOWeek { ISOWeek(text)! }

    /// transactions.csv summed by hand: ECO-01 pays 1,000,000 + 500,000 in W10 and refunds 200,000 in W11;
    /// RSI2-01 pays 20,000,000 in W10 and 3,000,000 in W13; ECO-02 pays 2,500,000 in W13.
    static let expected: [Figure] = [
        Figure(week: week("2009-W10"), program: "ECO", project: "ECO-01", executed: 1_500_000),
        Figure(week: week("2009-W10"), program: "RSI2", project: "RSI2-01", executed: 20_000_000),
        Figure(week: week("2009-W11"), program: "ECO", project: "ECO-01", executed: 1_300_000),
        Figure(week: week("2009-W13"), program: "ECO", project: "ECO-02", executed: 2_500_000),
        Figure(week: week("2009-W13"), program: "RSI2", project: "RSI2-01", executed: 23_000_000),
    ]

    @Test("payments and refunds become cumulative weekly figures, whatever the read size", arguments: [1, 3, 17, 1 << 20])
    func streamsFile(chunkSize: Int) throws {
        let reader = TransactionsReader(columns: Self.columns, chunkSize: chunkSize, showsProgress: false)
        #expect(try reader.read(path: Paths.fixture("intake/transactions.csv")) == Self.expected)
    }

    @Test("CP949, BOM and CRLF exports give the same figures", arguments: ["cp949", "bom", "crlf"])
    func encodings(variant: String) throws {
        let utf8 = try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("intake/transactions.csv")))
        let text = String(decoding: utf8, as: UTF8.self)
        let data: Data = switch variant {
        case "cp949": try Data(contentsOf: URL(fileURLWithPath: Paths.fixture("intake/transactions-cp949.csv")))
        case "bom": Data([0xEF, 0xBB, 0xBF]) + utf8
        default: Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        }
        let reader = TransactionsReader(columns: Self.columns, chunkSize: 5, showsProgress: false)
        #expect(try reader.read(SourceDocument(name: "tx.csv", data: data)) == Self.expected)
    }

    static let header = "date,program,project,amount\n"

    @Test("a bad transaction names the file, line and column", arguments: [
        (header + "2009-03-02,ECO,ECO-01,100\n2009-03-02,ECO,ECO-01,1OO\n", 3, "amount", "not a whole amount"),
        (header + "2009-03-02,ECO,ECO-01,99999999999999999999\n", 2, "amount", "too large"),
        (header + "2009-03-02,ECO,ECO-01,9000000000000000000\n", 2, "amount", "more than ₩100조"),
        // 92,234 payments of ₩100조 in one sub-project-week pass Int64's 9.22 × 10^18 on the last one.
        (header + String(repeating: "2009-03-02,ECO,ECO-01,100000000000000\n", count: 92_234), 92_235, "amount", "overflows"),
        (header + "2009-02-30,ECO,ECO-01,100\n", 2, "date", "not a date"),
        (header + "2009-W10,ECO,ECO-01,100\n", 2, "date", "not a date"),
        (header + "2009-03-02,ECO,ECO-01,100\n2009-03-03,RSI2,ECO-01,100\n", 3, "program", "under ECO on line 2 but under RSI2"),
        (header + "2009-03-02,ECO,,100\n", 2, "project", "empty"),
        (header + "2009-03-02,ECO,ECO-01\n", 2, "amount", "expected 4 fields"),
        (header + "2009-03-02,ECO,\"ECO-01,100\n", 2, "project", "never closed"),
        ("date,program,amount\n2009-03-02,ECO,100\n", 1, "project", "required column missing"),
        ("date,program,project,amount,amount\n2009-03-02,ECO,ECO-01,100,200\n", 1, "amount", "2 times"),
    ] as [(String, Int, String?, String)])
    func badData(text: String, line: Int, column: String?, message: String) {
        let reader = TransactionsReader(showsProgress: false)
        #expect {
            try reader.read(SourceDocument(name: "payments.csv", data: Data(text.utf8)))
        } throws: { error in
            guard case let .badData("payments.csv", l, c, m) = error as? IntakeError else { return false }
            return l == line && c == column && m.contains(message) && "\(error)".hasPrefix("payments.csv:\(line)")
        }
    }

    @Test func paymentsOfAnotherFiscalYearInTheNewYearWeekAreLeftOutAndSaidSo() throws {
        // 2009-W01 runs from Monday 2008-12-29: the 2008 payment belongs to fiscal 2008, not to this figure.
        let text = Self.header + "2008-12-30,ECO,ECO-02,\"7,000,000\"\n2009-01-02,ECO,ECO-02,\"2,500,000\"\n"
        let notices = Mutex<[String]>([])
        let reader = TransactionsReader(showsProgress: false, fiscalYear: 2009, notice: { text in notices.withLock { $0.append(text) } })
        let figures = try reader.read(SourceDocument(name: "payments.csv", data: Data(text.utf8)))
        #expect(figures.map(\.executed) == [2_500_000])
        #expect(figures.first?.week == ISOWeek(year: 2009, week: 1))
        #expect(notices.withLock { $0 } == ["payments.csv: 1 payment(s) dated outside fiscal year 2009, net 7,000,000원 (first on line 2), left out of its cumulative figures"])
        // Without a fiscal year (the benchmark's reader), the week-year decides, as before.
        #expect(try TransactionsReader(showsProgress: false).read(SourceDocument(name: "payments.csv", data: Data(text.utf8))).map(\.executed)
            == [9_500_000])
    }

    @Test func invalidBytesInAProjectIdAreAnEncodingError() {
        var bytes = Array((Self.header + "2009-03-02,ECO,ECO-01,100\n2009-03-02,ECO,AB").utf8)
        bytes += [0xE0, 0x80] + Array(",5\n".utf8)
        let reader = TransactionsReader(encoding: .utf8, showsProgress: false)
        #expect {
            try reader.read(SourceDocument(name: "payments.csv", data: Data(bytes)))
        } throws: { error in
            guard case .badData("payments.csv", 3, "project", _) = error as? IntakeError else { return false }
            return true
        }
    }

    @Test("no rows is empty data (65), a missing file is missing (66)", arguments: ["", header, "\u{FEFF}" + header])
    func empty(text: String) {
        #expect {
            try TransactionsReader(showsProgress: false).read(SourceDocument(name: "payments.csv", data: Data(text.utf8)))
        } throws: { error in
            if case .empty("payments.csv") = error as? IntakeError { true } else { false }
        }
    }

    @Test func missingFile() {
        #expect {
            try TransactionsReader(showsProgress: false).read(path: "/nonexistent/payments.csv")
        } throws: { error in
            if case .missing("/nonexistent/payments.csv") = error as? IntakeError { true } else { false }
        }
    }

    @Test("no row is dropped: the year's total is the sum of every amount, for many random files")
    func totalsMatch() throws {
        var rng = SplitMix64(seed: 26)
        for _ in 0..<40 {
            var text = Self.header
            var total: [String: Int64] = [:]
            for _ in 0..<Int.random(in: 1...300, using: &rng) {
                let project = "P\(Int.random(in: 0..<12, using: &rng))"
                let day = CalendarDate(year: 2009, month: 1, day: 1)!.adding(days: Int.random(in: 0..<363, using: &rng))
                let amount = Int64.random(in: -50_000...2_000_000, using: &rng)
                total[project, default: 0] += amount
                let shown = Bool.random(using: &rng) ? "\"\(amount.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))))\"" : "\(amount)"
                text += "\(day),G\(project.count),\(project),\(shown)\n"
            }
            let figures = try TransactionsReader(chunkSize: Int.random(in: 1...64, using: &rng), showsProgress: false)
                .read(SourceDocument(name: "random.csv", data: Data(text.utf8)))
            var last: [String: Int64] = [:]
            for figure in figures { last[figure.project] = figure.executed }
            #expect(last == total)
        }
    }
}
