import Foundation
import Budget
@testable import Intake
import Testing

struct ExactAmountTests {
    @Test(arguments: [
        ("1234", Int64(1), false, Int64(1234)), ("1,234,000", 1, false, 1_234_000), ("1234.567", 1000, false, 1_234_567),
        ("1.2345E7", 1, true, 12_345_000), ("0.5", 100_000_000, false, 50_000_000), ("-50", 1000, false, -50_000),
        ("1234.5670000000001", 1000, true, 1_234_567), ("3899998.821", 1000, true, 3_899_998_821), ("-", 1000, false, 0),
        ("0.000", 1, false, 0), ("395", 100_000_000, false, 39_500_000_000), ("1.5", 1_000_000, false, 1_500_000),
        ("99999.99999999999", 1000, true, 100_000_000),
        // Spaces a spreadsheet pastes around a figure: no-break, ideographic, tab.
        ("\u{00A0}1,234\u{3000}", 1, false, 1234), ("\t12\t", 1000, false, 12_000), ("99999999999999", 1, true, 99_999_999_999_999),
    ])
    func exact(_ text: String, _ unit: Int64, _ stored: Bool, _ won: Int64) throws {
        #expect(try ExactAmount.won(text, wonPerUnit: unit, storedAsNumber: stored) == won)
    }

    @Test(arguments: [
        ("0.5", Int64(1), ExactAmount.Problem.fractionOfWon(whole: "0", fraction: "5")),
        ("1234.5671", 1000, .fractionOfWon(whole: "1234567", fraction: "1")),
        ("1234.5670000000001", 1000, .fractionOfWon(whole: "1234567", fraction: "0000000001")),
        ("12,34", 1, .notANumber), ("1.2.3", 1, .notANumber), ("abc", 1, .notANumber), ("", 1, .notANumber),
        ("1000001", 100_000_000, .tooLarge), ("100000000000001", 1, .tooLarge), ("9223372036854775", 1000, .tooLarge),
        ("-100000000000001", 1, .tooLarge), ("\u{3000}", 1, .notANumber),
    ])
    func refused(_ text: String, _ unit: Int64, _ problem: ExactAmount.Problem) {
        #expect(throws: problem) { try ExactAmount.won(text, wonPerUnit: unit, storedAsNumber: false) }
    }

    @Test(arguments: [("  RSI2-09 ", "RSI2-09"), ("\u{3000}지능형로봇\u{00A0}", "지능형로봇"), ("로봇 센터", "로봇 센터"), ("\t", ""), ("", "")])
    func trimsTheSpacesExportsPaste(_ text: String, _ trimmed: String) {
        #expect(text.trimmedSpaces == trimmed)
        #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: [("(단위: 천원)", AmountUnit.thousand), ("[단위 : 백만원]", .million), ("단위:원", .won), ("(단위: 억원)", .eok), ("집행현황", nil)])
    func unitLine(_ text: String, _ unit: AmountUnit?) {
        #expect(AmountUnit.stated(in: text) == unit)
    }
}
