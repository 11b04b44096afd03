/// Korean money notation: 억원 with one decimal for reading, full won where exact.
public enum WonFormat {
    /// `3950000000` → `"39.5억원"`; rounds half away from zero to 0.1억 (10,000,000 won).
    public static func eok(_ amount: Won) -> String {
        let tenths = Won.roundedDiv(amount, 10_000_000)
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return "\(sign)\(grouped(magnitude / 10)).\(magnitude % 10)억원"
    }

    /// `1234567000` → `"1,234,567,000원"`.
    public static func full(_ amount: Won) -> String {
        (amount < 0 ? "-" : "") + grouped(amount.magnitude) + "원"
    }

    /// Thousands separators for a whole number.
    public static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// Percentage or percentage points with `places` decimals, for display.
    public static func decimal(_ value: Double, places: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        let negative = scaled < 0
        let magnitude = Int64(abs(scaled))
        let whole = magnitude / Int64(scale)
        let frac = magnitude % Int64(scale)
        let fracText = places == 0 ? "" : "." + pad(Int(frac), places)
        return (negative ? "-" : "") + String(whole) + fracText
    }
}
