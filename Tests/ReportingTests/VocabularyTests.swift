import Budget
import Foundation
import Reporting
import Testing

/// The words a reader sees: one sentence per finding's facts, one label per severity, status and kind.
struct VocabularyTests {
    static func week(_ n: Int) -> ISOWeek { ISOWeek(year: 2009, week: n)! }
    static let march22 = CalendarDate(year: 2009, month: 3, day: 22)!
    static let march31 = CalendarDate(year: 2009, month: 3, day: 31)!
    /// 60,000,000 won left to 30 % by 31 March, nine days (one whole week) after the report week's Sunday.
    static let next = NextMilestone(date: march31, percent: 30, amount: 120_000_000, executed: 60_000_000, asOf: march22)
    static let jobs = KPIStatus(id: "jobs", name: "신규 일자리", unit: "명", target: 365, actual: 45, expected: 67,
                                reportingProjects: 2, projectCount: 2, status: .warning)

    static let sentences: [(Finding.Facts, String)] = [
        (.behind(id: "RSI2-07", name: "RF 부품", executedPercent: 18, targetPercent: 30, shortfall: 48_000_000, next: next),
         "RSI2-07 RF 부품: 목표 대비 12.0%p 미달 (집행률 18.0%, 목표 30.0%), 부족액 0.5억원(48,000,000원). "
            + "2009-03-31까지 30% 달성에 주당 0.6억원 집행 필요."),
        (.behind(id: "TOTAL", name: "합계", executedPercent: 18, targetPercent: 30, shortfall: 1_250_000_000, next: nil),
         "TOTAL 합계: 목표 대비 12.0%p 미달 (집행률 18.0%, 목표 30.0%), 부족액 12.5억원(1,250,000,000원)."),
        (.stalled(id: "P1-B", name: "사업 B", weeks: 2, executed: 50_000_000, gapPP: 12),
         "P1-B 사업 B: 2주째 집행 변동 없음(누적 50,000,000원, 목표 대비 12.0%p 미달)."),
        (.overspent(id: "P1-A", name: "사업 A", executed: 650_000_000, budget: 600_000_000),
         "P1-A 사업 A: 집행액 650,000,000원이 예산 600,000,000원을 50,000,000원 초과했습니다. 이중 계상 여부를 확인하세요."),
        (.regressed(id: "P1-A", name: "사업 A", previous: 170_000_000, previousWeek: week(11), executed: 160_000_000, owner: "기획팀"),
         "P1-A 사업 A: 누적집행액이 170,000,000원(2009-W11)에서 160,000,000원으로 10,000,000원 줄었습니다. 정정 또는 반납 여부를 기획팀에 확인하세요."),
        (.regressed(id: "P1-A", name: "사업 A", previous: 170_000_000, previousWeek: week(11), executed: 160_000_000, owner: nil),
         "P1-A 사업 A: 누적집행액이 170,000,000원(2009-W11)에서 160,000,000원으로 10,000,000원 줄었습니다. 정정 또는 반납 여부를 담당에 확인하세요."),
        (.missing(id: "P1-B", name: "사업 B", week: week(12),
                  lastReported: Figure(week: week(11), program: "P1", project: "P1-B", executed: 50_000_000), owner: "기획팀"),
         "P1-B 사업 B: 2009-W12 실적이 보고되지 않아 마지막 보고값(2009-W11, 50,000,000원)으로 집계했습니다. 담당 기획팀에 확인하세요."),
        (.missing(id: "P1-B", name: "사업 B", week: week(12), lastReported: nil, owner: nil),
         "P1-B 사업 B: 2009-W12 실적이 보고되지 않아 0원(보고 이력 없음)으로 집계했습니다. 담당 -에 확인하세요."),
        (.unknown(program: "P9", project: "P9-Z", executed: 999_000_000),
         "P9/P9-Z: 계획에 없는 세부사업이 999,000,000원을 보고했습니다. 모든 합계에서 제외했습니다. 코드를 확인하세요."),
        (.staleSource(week: week(11), source: "figures.csv", reason: .noRows),
         "자료원에 2009-W11 새 실적이 없습니다: figures.csv에 2009-W11 행이 없습니다. 마지막 보고값으로 집계했습니다. ERP 추출이 갱신되었는지 확인하세요."),
        (.staleSource(week: week(11), source: "figures.csv", reason: .sameDigest(previousWeek: week(10), digest: "0123456789abcdef")),
         "자료원에 2009-W11 새 실적이 없습니다: figures.csv의 내용이 2009-W10와 바이트 단위로 같습니다(SHA-256 0123456789ab). "
            + "마지막 보고값으로 집계했습니다. ERP 추출이 갱신되었는지 확인하세요."),
        (.staleSource(week: week(11), source: "erp", reason: .notModified(previousWeek: week(10), validator: "ETag \"v1\"")),
         "자료원에 2009-W11 새 실적이 없습니다: erp가 2009-W10의 ETag \"v1\"에 304 Not Modified로 응답했습니다. "
            + "마지막 보고값으로 집계했습니다. ERP 추출이 갱신되었는지 확인하세요."),
        (.restated(week: week(25), project: "ECO-09", name: "스타기업", old: 1_194_539_000, new: 1_182_039_000, oldBudget: nil, newBudget: nil),
         "ECO-09 스타기업: 이미 보고된 2009-W25 누적집행액이 1,194,539,000원에서 1,182,039,000원으로 정정되었습니다(-12,500,000원). 정정 사유를 확인하세요."),
        (.restated(week: week(10), project: "ECO-02", name: nil, old: 100_000_000, new: 100_500_000, oldBudget: nil, newBudget: 1_500_000_000),
         "ECO-02: 이미 보고된 2009-W10 누적집행액이 100,000,000원에서 100,500,000원으로 정정되었습니다(+500,000원). "
            + "예산도 계획값에서 1,500,000,000원으로 바뀌었습니다. 정정 사유를 확인하세요."),
        (.budgetRevised(id: "ECO-02", name: "신기술창업", planned: 1_000_000_000, revised: 1_500_000_000),
         "ECO-02 신기술창업: 예산이 1,000,000,000원에서 1,500,000,000원으로 변경(추경)되어 변경 예산 기준으로 점검했습니다."),
        (.kpiBehind(jobs),
         "신규 일자리: 실적 45명으로 현재 목표 67명에 22명 미달 (연간 목표 365명의 12.3%, 목표선 18.4%; 보고 사업 2/2)."),
        (.budgetChanged(id: "ECO-02", name: "신기술창업", previousWeek: week(10), previousBudget: 1_000_000_000, budget: 800_000_000,
                        previousExecuted: 300_000_000, executed: 250_000_000),
         "ECO-02 신기술창업: 예산현액이 1,000,000,000원(2009-W10)에서 800,000,000원으로 바뀌면서 누적집행액도 300,000,000원에서 250,000,000원으로 "
            + "-50,000,000원 달라졌습니다. 이용·전용 또는 과목경정으로 옮겨진 금액인지 확인하세요."),
        (.subtotalMismatch(SubtotalMismatch(place: "집행현황.xlsx:집행현황!G8", label: "소계", field: .executed, stated: 2_699_998_000,
                                            computed: 2_699_998_821, rows: 3)),
         "집행현황.xlsx:집행현황!G8 소계 집행액 2,699,998,000원이 3개 행의 합 2,699,998,821원과 -821원 다릅니다. "
            + "누락·중복된 행이나 손으로 고친 합계가 없는지 자료를 확인하세요."),
        (.lapseRisk(id: "P1-B", name: "바이오 인력양성", budget: 400_000_000, executed: 220_000_000, velocity: 5_000_000,
                    projection: YearEndProjection(daysLeft: 172, executed: 342_857_142, lapse: 57_142_858)),
         "P1-B 바이오 인력양성: 최근 4주 평균 주당 0.1억원 속도면 12월 31일까지 342,857,142원(85.7%) 집행, "
            + "불용 예상 0.6억원(57,142,858원, 예산현액의 14.3%). 현재 집행 220,000,000원; 이월·불용 사유를 정리하거나 집행 계획을 앞당기세요."),
    ]

    @Test(arguments: sentences)
    func eachFindingReadsAsOneKoreanSentence(_ facts: Finding.Facts, _ expected: String) {
        #expect(Vocabulary.message(facts) == expected)
        #expect(Vocabulary.message(Finding(severity: .warning, program: nil, project: nil, facts: facts)) == expected)
    }

    @Test func everyKindHasASentenceCase() {
        #expect(Set(Self.sentences.map(\.0.kind)) == Set(Finding.Kind.allCases))
    }

    @Test(arguments: [(Severity.critical, "위험"), (.warning, "주의"), (.info, "참고")])
    func severityLabels(_ severity: Severity, _ label: String) {
        #expect(Vocabulary.label(severity) == label)
        #expect(Vocabulary.label(severity: severity.rawValue) == label)
    }

    @Test(arguments: [(Status.critical, "위험"), (.warning, "주의"), (.onTrack, "정상")])
    func statusLabels(_ status: Status, _ label: String) {
        #expect(Vocabulary.label(status) == label)
        #expect(Vocabulary.label(status: status.rawValue) == label)
    }

    @Test(arguments: [
        (Finding.Kind.behind, "목표 미달"), (.stalled, "집행 정체"), (.overspent, "예산 초과"), (.regressed, "누계 감소"),
        (.missing, "미보고"), (.unknown, "계획 외 사업"), (.staleSource, "자료 갱신 없음"), (.restated, "과거 수치 정정"),
        (.budgetRevised, "예산 변경"), (.kpiBehind, "성과지표 미달"), (.subtotalMismatch, "소계 불일치"), (.budgetChanged, "예산현액 변동"),
    ])
    func kindLabels(_ kind: Finding.Kind, _ label: String) {
        #expect(Vocabulary.label(kind) == label)
        #expect(Vocabulary.label(kind: kind.rawValue) == label)
    }

    @Test func aCriticalStatusAndACriticalFindingShareOneWord() {
        #expect(Vocabulary.label(Status.critical) == Vocabulary.label(Severity.critical))
        #expect(Vocabulary.label(Status.warning) == Vocabulary.label(Severity.warning))
    }

    @Test func findingCountsUseTheSeverityWordsWorstFirst() {
        #expect(Vocabulary.findingsSummary([.warning: 3, .critical: 2, .info: 1], hidden: 0) == "발견 사항 6건: 위험 2, 주의 3, 참고 1")
        #expect(Vocabulary.findingsSummary([:], hidden: 0) == "이번 주 발견 사항 없음 (no findings)")
        #expect(Vocabulary.findingsSummary([.critical: 5], hidden: 2)
            == "발견 사항 5건: 위험 5 — 나머지 2건은 전체 보고서에 있습니다 (2 more in the full report)")
    }

    @Test func reportJSONCarriesTheVocabularysSentence() throws {
        let report = ReportFixture.report()
        let document = try ReportDocument.decode(try RenderedReport(report, templates: ReportFixture.templates()).json)
        #expect(!report.findings.isEmpty)
        #expect(document.findings.map(\.message) == report.findings.map(Vocabulary.message))
        #expect(document.findings.map(\.kind) == report.findings.map(\.kind.rawValue))
    }
}
