import Budget

/// Parses amounts of won as finance exports write them: `1234000`, `1,234,000`, `-50,000`.
public enum AmountParser {
    /// Returns nil for decimals, stray characters, misplaced separators and values beyond Int64.
    public static func won(_ text: some StringProtocol) -> Won? {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if utf8.first == UInt8(ascii: "-") { negative = true; utf8 = utf8.dropFirst() }
        guard !utf8.isEmpty else { return nil }
        var value: Int64 = 0
        var digitsInGroup = 0
        var sawSeparator = false
        for b in utf8 {
            if b == UInt8(ascii: ",") {
                // The first group has 1–3 digits, every later one exactly 3.
                guard sawSeparator ? digitsInGroup == 3 : (1...3).contains(digitsInGroup) else { return nil }
                sawSeparator = true
                digitsInGroup = 0
                continue
            }
            guard b >= 0x30, b <= 0x39 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(b - 0x30))
            guard !o1, !o2 else { return nil }
            value = s
            digitsInGroup += 1
        }
        if sawSeparator, digitsInGroup != 3 { return nil }
        return negative ? -value : value
    }
}
