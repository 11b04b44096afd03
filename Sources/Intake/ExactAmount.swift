import Budget

/// Converts an amount as a sheet states it (`1,234.5` 천원, `1.2345E7` as a stored number) to whole won
/// with integer arithmetic only: a result with a fraction of a won is refused, never rounded.
enum ExactAmount {
    enum Problem: Error, Equatable {
        /// Not a number at all.
        case notANumber
        /// The value in won has a fraction: `won` is its whole part, `fraction` the digits after the point.
        case fractionOfWon(whole: String, fraction: String)
        /// Beyond `Won.largestAmount`.
        case tooLarge
    }

    /// `text` (digits, optional sign, thousands separators, a decimal point, an exponent) times `wonPerUnit`.
    /// `storedAsNumber` marks a cell's binary-double value as Excel writes it: such a value has at most
    /// 15 significant digits of meaning (Excel's own precision), so digits beyond are float noise and are
    /// rounded away before the exactness check (`=B2*1.1` cached as `1234.5670000000001`).
    static func won(_ text: String, wonPerUnit: Int64, storedAsNumber: Bool) throws(Problem) -> Won {
        let trimmed = text.trimmedSpaces
        // Most cells are whole amounts (`23422835`, `1,234,000`): integer arithmetic without the digit walk.
        // More than 15 digits stored as a number go the long way, for Excel's rounding.
        if trimmed.utf8.count <= 15 || !storedAsNumber, let whole = AmountParser.won(trimmed) {
            let (product, overflow) = whole.multipliedReportingOverflow(by: wonPerUnit)
            guard !overflow, product.magnitude <= Won.largestAmount.magnitude else { throw .tooLarge }
            return product
        }
        var chars = Substring(trimmed)
        var negative = false
        if chars.first == "-" { negative = true; chars = chars.dropFirst() } else if chars.first == "+" { chars = chars.dropFirst() }
        // Accounting zero: a lone dash.
        if negative, chars.isEmpty { return 0 }
        var mantissa = Substring(chars)
        var exponent = 0
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(chars[chars.index(after: e)...]), abs(x) < 400 else { throw .notANumber }
            exponent = x
            mantissa = chars[..<e]
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .notANumber }
        let integerPart = String(parts[0])
        let fractionPart = parts.count == 2 ? String(parts[1]) : ""
        guard !integerPart.isEmpty || !fractionPart.isEmpty else { throw .notANumber }
        guard integerPart.isEmpty || Self.separatorsAreValid(integerPart), Self.isDigits(fractionPart) else { throw .notANumber }
        // All the digits, and where the decimal point sits among them.
        var digits = Array(integerPart.filter { $0 != "," }) + Array(fractionPart)
        var pointAt = digits.count - fractionPart.count + exponent
        // Leading zeros carry nothing.
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); pointAt -= 1 }
        if storedAsNumber { Self.roundToSignificant(&digits, &pointAt, 15) }
        // Multiply by the unit: a power of ten for every unit we know.
        var unit = wonPerUnit
        while unit > 1, unit % 10 == 0 { unit /= 10; pointAt += 1 }
        precondition(unit == 1, "units are powers of ten")
        let wholeDigits = pointAt <= 0 ? [] : (pointAt >= digits.count ? digits + Array(repeating: "0", count: pointAt - digits.count) : Array(digits[..<pointAt]))
        let fractionDigits = pointAt >= digits.count ? [] : (pointAt <= 0 ? Array(repeating: "0", count: -pointAt) + digits : Array(digits[pointAt...]))
        let whole = String(wholeDigits.drop { $0 == "0" })
        if fractionDigits.contains(where: { $0 != "0" }) {
            var fraction = fractionDigits
            while fraction.last == "0" { fraction.removeLast() }
            throw .fractionOfWon(whole: (negative ? "-" : "") + (whole.isEmpty ? "0" : whole), fraction: String(fraction))
        }
        guard whole.count <= 15, let value = Int64(whole.isEmpty ? "0" : whole), value <= Won.largestAmount else { throw .tooLarge }
        return negative ? -value : value
    }

    private static func isDigits(_ text: some StringProtocol) -> Bool { text.allSatisfy { $0.isASCII && $0.isNumber } }

    /// Thousands separators, when present, group the integer digits by three.
    private static func separatorsAreValid(_ text: String) -> Bool {
        guard text.contains(",") else { return isDigits(text) }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.allSatisfy(isDigits) && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// Rounds `digits` (with the point at `pointAt`) half-up to `count` significant digits.
    private static func roundToSignificant(_ digits: inout [Character], _ pointAt: inout Int, _ count: Int) {
        guard digits.count > count, digits.first != "0" else { return }
        let roundUp = (digits[count].wholeNumberValue ?? 0) >= 5
        digits.removeLast(digits.count - count)
        guard roundUp else { return }
        var i = digits.count - 1
        while i >= 0 {
            if digits[i] == "9" { digits[i] = "0"; i -= 1 } else { digits[i] = Character(String((digits[i].wholeNumberValue ?? 0) + 1)); break }
        }
        if i < 0 { digits.insert("1", at: 0); pointAt += 1 }
    }
}
