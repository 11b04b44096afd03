import Budget

/// Every Korean word and sentence a reader sees about statuses, severities and findings, in one place.
///
/// The domain states facts (`Finding.Facts`); the view model, `report.json`, the e-mail, Slack and Teams
/// all take their labels and finding sentences from here, so one concept has one word everywhere:
/// 위험 (critical), 주의 (warning), 정상 (on track), 참고 (info).
public enum Vocabulary {
    /// 위험 / 주의 / 참고.
    public static func label(_ severity: Severity) -> String {
        switch severity {
        case .critical: "위험"
        case .warning: "주의"
        case .info: "참고"
        }
    }

    /// 위험 / 주의 / 정상: a critical status and a critical finding share a word.
    public static func label(_ status: Status) -> String {
        switch status {
        case .onTrack: "정상"
        case .warning: label(Severity.warning)
        case .critical: label(Severity.critical)
        }
    }

    /// Korean name of a finding kind; a switch, so that a kind added later cannot ship without one.
    public static func label(_ kind: Finding.Kind) -> String {
        switch kind {
        case .behind: "목표 미달"
        case .stalled: "집행 정체"
        case .overspent: "예산 초과"
        case .regressed: "누계 감소"
        case .missing: "미보고"
        case .unknown: "계획 외 사업"
        case .staleSource: "자료 갱신 없음"
        case .restated: "과거 수치 정정"
        case .budgetRevised: "예산 변경"
        case .kpiBehind: "성과지표 미달"
        case .subtotalMismatch: "소계 불일치"
        case .budgetChanged: "예산현액 변동"
        case .lapseRisk: "불용 우려"
        }
    }

    /// The label of a severity, status or kind stored as its raw value (`report.json`), else the raw text itself.
    public static func label(severity raw: String) -> String { Severity(rawValue: raw).map(label) ?? raw }
    public static func label(status raw: String) -> String { Status(rawValue: raw).map(label) ?? raw }
    public static func label(kind raw: String) -> String { Finding.Kind(rawValue: raw).map(label) ?? raw }

    /// Finding counts worst first, in the severity labels: "위험 2, 주의 3".
    public static func counts(_ bySeverity: [Severity: Int]) -> String {
        Severity.allCases.reversed().compactMap { s in bySeverity[s].map { "\(label(s)) \($0)" } }.joined(separator: ", ")
    }

    /// The finding's sentence, from its facts.
    public static func message(_ finding: Finding) -> String {
        message(finding.facts)
    }
}

extension Vocabulary {
    /// The closing line of a chat message: "발견 사항 5건: 위험 2, 주의 3", and how many the message left out.
    public static func findingsSummary(_ bySeverity: [Severity: Int], hidden: Int) -> String {
        let total = bySeverity.values.reduce(0, +)
        guard total > 0 else { return "이번 주 발견 사항 없음 (no findings)" }
        var text = "발견 사항 \(total)건: \(counts(bySeverity))"
        if hidden > 0 { text += " — 나머지 \(hidden)건은 전체 보고서에 있습니다 (\(hidden) more in the full report)" }
        return text
    }
}

// MARK: Failure notices (`on_failure`)

extension Vocabulary {
    /// What an exit code means, in a line an operator can act on.
    public static func meaning(ofExitCode code: Int32) -> String {
        switch code {
        case 64: "명령 사용 오류(usage)"
        case 65: "집행 자료 오류(bad input data)"
        case 66: "집행 자료 없음(input missing)"
        case 69: "자료 출처 또는 원장에 연결 불가(unreachable)"
        case 70: "내부 오류(internal error)"
        case 73: "출력 또는 원장에 쓸 수 없음(cannot write)"
        case 75: "발송 대기(deliveries pending)"
        case 76: "발송 거부: 담당자 조치 필요(delivery refused)"
        case 78: "설정·계획·템플릿 오류(bad config)"
        default: "종료 코드 \(code)"
        }
    }

    public static func failureTitle(week: String?, exitCode: Int32) -> String {
        "spendwatch 실행 실패\(week.map { " \($0)" } ?? ""): \(meaning(ofExitCode: exitCode)) (exit \(exitCode))"
    }

    public static func failureText(_ notice: FailureNotice) -> String {
        var lines = [failureTitle(week: notice.week, exitCode: notice.exitCode), notice.message,
                     "호스트 \(notice.host), \(notice.at)" + (notice.runID.map { ", run \($0)" } ?? "")]
        lines.append(notice.exitCode == 76
            ? "채널을 고친 뒤 같은 주를 다시 실행하면 같은 키로 다시 발송됩니다: spendwatch run --week \(notice.week ?? "<week>")"
            : "원인을 고친 뒤 다시 실행하십시오; 다음 정기 실행이 놓친 주를 따라잡습니다 (catch_up_weeks).")
        return lines.joined(separator: "\n")
    }
}
