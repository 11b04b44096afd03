import Budget

/// The sentences of a report that lists only part of a large week, and the headers of `projects.csv`.
extension Vocabulary {
    /// "외 385개 사업(전체 400개)은 projects.csv에 있습니다", or nil when every programme is listed.
    static func moreProgrammes(_ left: Int, of count: Int) -> String? {
        left > 0 ? "외 \(WonFormat.grouped(UInt64(left)))개 사업(전체 \(WonFormat.grouped(UInt64(count)))개)은 projects.csv에 있습니다." : nil
    }

    /// The behind sub-projects the action list left out, or nil.
    static func moreProjects(_ left: Int, of count: Int) -> String? {
        left > 0
            ? "외 \(WonFormat.grouped(UInt64(left)))개 미달 세부사업(전체 \(WonFormat.grouped(UInt64(count)))개)은 부족액이 더 작습니다: 전체 표는 projects.csv."
            : nil
    }

    /// The year-end projections the section left out, or nil.
    static func moreYearEnd(_ left: Int, of count: Int) -> String? {
        left > 0
            ? "외 \(WonFormat.grouped(UInt64(left)))개 사업(전체 \(WonFormat.grouped(UInt64(count)))개)은 불용 예상액이 더 작습니다: 전체 표는 projects.csv."
            : nil
    }

    /// The large (watched) sub-projects the section left out, or nil.
    static func moreWatched(_ left: Int, of count: Int) -> String? {
        left > 0 ? "외 \(WonFormat.grouped(UInt64(left)))개 대형사업(전체 \(WonFormat.grouped(UInt64(count)))개)은 projects.csv에 있습니다." : nil
    }

    /// The owners the to-do list left out, or nil.
    static func moreOwners(_ left: Int, of count: Int) -> String? {
        left > 0 ? "외 \(WonFormat.grouped(UInt64(left)))개 담당(전체 \(WonFormat.grouped(UInt64(count)))개)은 projects.csv에 있습니다." : nil
    }

    /// One owner's behind sub-projects the list left out, or nil.
    static func moreItems(_ left: Int) -> String? {
        left > 0 ? "외 \(WonFormat.grouped(UInt64(left)))건" : nil
    }

    /// Where the complete table of a national roll-up is.
    static func fullTableNote(projects: Int) -> String {
        "세부사업 \(WonFormat.grouped(UInt64(projects)))개 전체의 표는 projects.csv(엑셀에서 열림, 금액은 원 단위)에 있습니다."
    }

    /// "과거 수치 정정 52,000건, 합계 1,234.5억원(…원): 큰 순 20건만 싣습니다. 전체는 report.json."
    static func findingSummary(_ group: FindingGroup) -> String {
        var line = "\(label(group.kind)) \(WonFormat.grouped(UInt64(group.count)))건"
        if group.total > 0 { line += ", 합계 \(WonFormat.eok(group.total))(\(WonFormat.full(group.total)))" }
        return line + ": 큰 순 \(group.largest.count)건만 싣습니다. 전체는 report.json."
    }

    /// The header row of `projects.csv`, one column per value of `ProjectsTable`.
    static let projectsTableHeader = [
        "사업코드", "사업명", "세부사업코드", "세부사업명", "담당", "예산(원)", "집행액(원)", "집행률(%)", "목표(%)", "격차(%p)",
        "부족액(원)", "금주 집행(원)", "최근 4주 평균(원)", "다음 목표일", "다음 목표(%)", "다음 목표까지 남은 금액(원)",
        "주당 필요 집행액(원)", "예상 집행률(%)", "상태", "대상액 제외", "연말 예상 집행액(원)", "불용 예상액(원)",
    ]
}
