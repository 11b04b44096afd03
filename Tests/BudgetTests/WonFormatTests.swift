import Testing
@testable import Budget

struct WonFormatTests {
    @Test("억원 with one decimal", arguments: [
        (Won(39_500_000_000), "395.0억원"), (3_950_000_000, "39.5억원"), (400_000_000, "4.0억원"),
        (14_999_999, "0.1억원"), (4_999_999, "0.0억원"), (-120_000_000, "-1.2억원"), (145_300_000_000_0, "14,530.0억원"),
    ])
    func eok(amount: Won, text: String) { #expect(WonFormat.eok(amount) == text) }

    @Test func fullWon() {
        #expect(WonFormat.full(1_234_567_000) == "1,234,567,000원")
        #expect(WonFormat.full(-50_000) == "-50,000원")
        #expect(WonFormat.full(0) == "0원")
    }
}
