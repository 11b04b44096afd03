/// The column names a finance system publishes (`source.preset`), so its export needs no `columns:`.
///
/// Each field lists the names that system's execution export uses for it, first match wins; a
/// `columns:` entry in the config overrides the preset for that field. Header names are matched
/// without spaces and without a trailing bracket such as `(A)` or `(천원)`.
public enum SourcePreset: String, Sendable, CaseIterable {
    /// 지방재정365 (lofin365.go.kr) 세출 예산집행현황, by 세부사업: 정책사업 > 단위사업 > 세부사업코드/세부사업명,
    /// 예산현액, 지출원인행위액, 지출액, 부서명. The 세부사업코드 has 16 digits and stays text.
    case lofin365
    /// 열린재정 (openfiscaldata.go.kr) 세출 예산 집행현황: 소관, 회계, 프로그램, 단위사업, 예산현액, 집행액.
    case openfiscal

    /// Field → the names the system writes, most specific first.
    public var columns: [String: [String]] {
        switch self {
        case .lofin365:
            [
                "program": ["정책사업코드", "정책사업", "정책사업명"],
                "project": ["세부사업코드"],
                "executed": ["지출액", "지출액누계", "집행액", "지출"],
                "budget": ["예산현액"],
                "committed": ["지출원인행위액", "원인행위액", "지출원인행위"],
                "department": ["부서명", "부서", "실국명", "실국"],
                "date": ["기준일자", "기준일"],
            ]
        case .openfiscal:
            [
                "program": ["프로그램", "프로그램명"],
                "project": ["단위사업", "단위사업명"],
                "executed": ["집행액", "집행액누계"],
                "budget": ["예산현액"],
                "committed": ["지출원인행위액"],
                "department": ["소관", "소관명"],
                "date": ["기준일자", "기준일"],
            ]
        }
    }
}
