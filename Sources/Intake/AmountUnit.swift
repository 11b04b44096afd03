/// The unit a source states its amounts in (`source.unit`); every amount is converted to whole won exactly.
public enum AmountUnit: String, Sendable, CaseIterable {
    /// 원
    case won
    /// 천원 (×1,000)
    case thousand
    /// 백만원 (×1,000,000)
    case million
    /// 억원 (×100,000,000)
    case eok
    /// Read from the `(단위: 천원)` line above the header.
    case auto

    /// Won per unit; nil for `auto`, which is resolved from the sheet first.
    public var wonPerUnit: Int64? {
        switch self {
        case .won: 1
        case .thousand: 1_000
        case .million: 1_000_000
        case .eok: 100_000_000
        case .auto: nil
        }
    }

    /// The Korean name of the unit, as an export's unit line writes it.
    public var koreanName: String {
        switch self {
        case .won: "원"
        case .thousand: "천원"
        case .million: "백만원"
        case .eok: "억원"
        case .auto: "auto"
        }
    }

    /// The unit a line such as `(단위: 천원)`, `[단위 : 백만원]` or `단위:원` states; nil when `text` is no unit line.
    public static func stated(in text: String) -> AmountUnit? {
        let compact = text.filter { !$0.isWhitespace }
        guard let range = compact.range(of: "단위") else { return nil }
        var rest = compact[range.upperBound...]
        while let first = rest.first, first == ":" || first == "：" || first == ")" || first == "]" { rest = rest.dropFirst() }
        // Longest names first: 백만원 before 만원, 천원 before 원.
        let names: [(String, AmountUnit)] = [("백만원", .million), ("억원", .eok), ("천원", .thousand), ("원", .won)]
        for (name, unit) in names where rest.hasPrefix(name) { return unit }
        return nil
    }
}

extension AmountUnit {
    /// The unit a header name carries in brackets, `지출액(천원)`; nil when it carries none.
    public static func inHeader(_ name: String) -> AmountUnit? {
        let compact = name.filter { !$0.isWhitespace }
        for (suffix, unit) in [("(백만원)", AmountUnit.million), ("(억원)", .eok), ("(천원)", .thousand), ("(원)", .won)] where compact.hasSuffix(suffix) {
            return unit
        }
        return nil
    }
}
