/// Findings that come from the ledger's memory of earlier weeks rather than from one week's figures.
///
/// The ledger decides *whether* a figure was restated or a source is stale; this builds the words.
public enum HistoryFinding {
    /// Why a source has nothing new for a week.
    public enum StaleReason: Sendable, Hashable {
        /// The source carries no row for the week.
        case noRows
        /// The body is byte-identical (SHA-256) to the previous week's.
        case sameDigest(previousWeek: ISOWeek, digest: String)
        /// The server answered 304 Not Modified to a conditional GET with the previous week's validators.
        case notModified(previousWeek: ISOWeek, validator: String)
    }

    /// A figure of an already stored week changed: old and new value, and the budget when it changed too.
    public static func restated(week: ISOWeek, program: String, project: String, name: String?,
                                oldExecuted: Won, newExecuted: Won, oldBudget: Won?, newBudget: Won?) -> Finding {
        let label = name.map { "\(project) \($0)" } ?? project
        var message = "\(label): 이미 보고된 \(week) 누적집행액이 \(WonFormat.full(oldExecuted))에서 "
            + "\(WonFormat.full(newExecuted))으로 정정되었습니다(\(signed(newExecuted - oldExecuted)))."
        if oldBudget != newBudget {
            message += " 예산도 \(oldBudget.map(WonFormat.full) ?? "계획값")에서 \(newBudget.map(WonFormat.full) ?? "계획값")으로 바뀌었습니다."
        }
        message += " 정정 사유를 확인하세요."
        return Finding(kind: .restated, severity: .warning, program: program, project: project, message: message)
    }

    /// The source has nothing new for `week`; every sub-project is counted at its last known figure.
    public static func staleSource(week: ISOWeek, source: String, reason: StaleReason) -> Finding {
        let why = switch reason {
        case .noRows:
            "\(source)에 \(week) 행이 없습니다"
        case let .sameDigest(previousWeek, digest):
            "\(source)의 내용이 \(previousWeek)와 바이트 단위로 같습니다(SHA-256 \(digest.prefix(12)))"
        case let .notModified(previousWeek, validator):
            "\(source)가 \(previousWeek)의 \(validator)에 304 Not Modified로 응답했습니다"
        }
        return Finding(kind: .staleSource, severity: .warning, program: nil, project: nil,
                       message: "자료원에 \(week) 새 실적이 없습니다: \(why). 마지막 보고값으로 집계했습니다. ERP 추출이 갱신되었는지 확인하세요.")
    }

    static func signed(_ amount: Won) -> String {
        (amount > 0 ? "+" : "") + WonFormat.full(amount)
    }
}
