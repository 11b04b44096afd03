import Budget

/// Parses amounts of won as finance exports write them: `1234000`, `1,234,000`, `-50,000`.
public enum AmountParser {
    /// Returns nil for decimals, stray characters, misplaced separators and values beyond `Won.largestAmount`.
    public static func won(_ text: some StringProtocol) -> Won? {
        var text = Substring(text)
        return text.withUTF8 { won(bytes: $0) }
    }

    /// The same grammar straight from bytes, for the streaming path (no String per field).
    public static func won(bytes: UnsafeBufferPointer<UInt8>) -> Won? {
        guard let p = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        guard i < n else { return nil }
        // Eighteen digits cannot overflow Int64: the common case skips the overflow checks.
        if n - i <= 18 {
            var value: Int64 = 0
            var plain = true
            for k in i..<n {
                let d = p[k] &- 0x30
                if d > 9 { plain = false; break }
                value = value &* 10 &+ Int64(d)
            }
            if plain { return value <= Won.largestAmount ? (negative ? -value : value) : nil }
        }
        var value: Int64 = 0
        var digitsInGroup = 0
        var sawSeparator = false
        while i < n {
            let b = p[i]
            i += 1
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
        guard value <= Won.largestAmount else { return nil }
        return negative ? -value : value
    }

    /// Why `text` is not an amount, in words a finance officer can act on.
    public static func problem(_ text: some StringProtocol) -> String {
        let digitsOnly = text.drop { $0 == "-" }.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ",") }
        let digits = String(text.filter(\.isNumber))
        // More than Int64 holds (nil) or more than the ceiling: too large either way.
        if digitsOnly, digits.count > 14, Int64(digits).map({ $0 > Won.largestAmount }) ?? true {
            return "'\(text)' is too large for one amount: more than ₩100조 (100,000,000,000,000 won); check for extra digits"
        }
        return "'\(text)' is not a whole amount of won (digits, optional thousands separators like 1,234,000)"
    }
}
