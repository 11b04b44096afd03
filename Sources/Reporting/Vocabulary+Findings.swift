import Budget

extension Vocabulary {
    /// The sentence a reader sees for a finding's facts: what happened, with the money, and what to check.
    public static func message(_ facts: Finding.Facts) -> String {
        switch facts {
        case let .behind(id, name, executedPercent, targetPercent, shortfall, next):
            var text = "\(id) \(name): 목표 대비 \(WonFormat.decimal(targetPercent - executedPercent))%p 미달 "
                + "(집행률 \(WonFormat.decimal(executedPercent))%, 목표 \(WonFormat.decimal(targetPercent))%), "
                + "부족액 \(WonFormat.eok(shortfall))(\(WonFormat.full(shortfall)))."
            if let next, next.amountLeft > 0 {
                text += " \(next.date)까지 \(WonFormat.decimal(next.percent, places: 0))% 달성에 주당 \(WonFormat.eok(next.requiredWeekly)) 집행 필요."
            }
            return text

        case let .stalled(id, name, weeks, executed, gapPP):
            return "\(id) \(name): \(weeks)주째 집행 변동 없음(누적 \(WonFormat.full(executed)), 목표 대비 \(WonFormat.decimal(gapPP))%p 미달)."

        case let .overspent(id, name, executed, budget):
            return "\(id) \(name): 집행액 \(WonFormat.full(executed))이 예산 \(WonFormat.full(budget))을 "
                + "\(WonFormat.full(executed - budget)) 초과했습니다. 이중 계상 여부를 확인하세요."

        case let .regressed(id, name, previous, previousWeek, executed, owner):
            return "\(id) \(name): 누적집행액이 \(WonFormat.full(previous))(\(previousWeek))에서 \(WonFormat.full(executed))으로 "
                + "\(WonFormat.full(previous - executed)) 줄었습니다. 정정 또는 반납 여부를 \(owner ?? "담당")에 확인하세요."

        case let .missing(id, name, week, last, owner):
            let basis = last.map { "마지막 보고값(\($0.week), \(WonFormat.full($0.executed)))" } ?? "0원(보고 이력 없음)"
            return "\(id) \(name): \(week) 실적이 보고되지 않아 \(basis)으로 집계했습니다. 담당 \(owner ?? "-")에 확인하세요."

        case let .unknown(program, project, executed):
            return "\(program)/\(project): 계획에 없는 세부사업이 \(WonFormat.full(executed))을 보고했습니다. 모든 합계에서 제외했습니다. 코드를 확인하세요."

        case let .staleSource(week, source, reason):
            let why = switch reason {
            case .noRows:
                "\(source)에 \(week) 행이 없습니다"
            case let .sameDigest(previousWeek, digest):
                "\(source)의 내용이 \(previousWeek)와 바이트 단위로 같습니다(SHA-256 \(digest.prefix(12)))"
            case let .notModified(previousWeek, validator):
                "\(source)가 \(previousWeek)의 \(validator)에 304 Not Modified로 응답했습니다"
            }
            return "자료원에 \(week) 새 실적이 없습니다: \(why). 마지막 보고값으로 집계했습니다. ERP 추출이 갱신되었는지 확인하세요."

        case let .restated(week, project, name, old, new, oldBudget, newBudget):
            let subject = name.map { "\(project) \($0)" } ?? project
            var text = "\(subject): 이미 보고된 \(week) 누적집행액이 \(WonFormat.full(old))에서 "
                + "\(WonFormat.full(new))으로 정정되었습니다(\(signed(new - old)))."
            if oldBudget != newBudget {
                text += " 예산도 \(oldBudget.map(WonFormat.full) ?? "계획값")에서 \(newBudget.map(WonFormat.full) ?? "계획값")으로 바뀌었습니다."
            }
            return text + " 정정 사유를 확인하세요."

        case let .budgetRevised(id, name, planned, revised):
            return "\(id) \(name): 예산이 \(WonFormat.full(planned))에서 \(WonFormat.full(revised))으로 변경(추경)되어 변경 예산 기준으로 점검했습니다."

        case let .kpiBehind(kpi):
            func count(_ n: Int64) -> String { WonFormat.grouped(UInt64(max(0, n))) + kpi.unit }
            return "\(kpi.name): 실적 \(count(kpi.actual))으로 현재 목표 \(count(kpi.expected))에 \(count(kpi.shortfall)) 미달 "
                + "(연간 목표 \(count(kpi.target))의 \(WonFormat.decimal(kpi.actualPercent))%, "
                + "목표선 \(WonFormat.decimal(kpi.expectedPercent))%; 보고 사업 \(kpi.reportingProjects)/\(kpi.projectCount))."

        case let .budgetChanged(id, name, previousWeek, previousBudget, budget, previousExecuted, executed):
            return "\(id) \(name): 예산현액이 \(WonFormat.full(previousBudget))(\(previousWeek))에서 \(WonFormat.full(budget))으로 바뀌면서 "
                + "누적집행액도 \(WonFormat.full(previousExecuted))에서 \(WonFormat.full(executed))으로 \(signed(executed - previousExecuted)) 달라졌습니다. "
                + "이용·전용 또는 과목경정으로 옮겨진 금액인지 확인하세요."

        case let .subtotalMismatch(check):
            return "\(check.place) \(check.label) \(label(check.field)) \(WonFormat.full(check.stated))이 \(check.rows)개 행의 합 "
                + "\(WonFormat.full(check.computed))과 \(signed(check.difference)) 다릅니다. 누락·중복된 행이나 손으로 고친 합계가 없는지 자료를 확인하세요."

        case let .lapseRisk(id, name, budget, executed, velocity, projection):
            return "\(id) \(name): 최근 4주 평균 주당 \(WonFormat.eok(max(0, velocity))) 속도면 12월 31일까지 "
                + "\(WonFormat.full(projection.executed))(\(WonFormat.decimal(percent(projection.executed, of: budget)))%) 집행, "
                + "불용 예상 \(WonFormat.eok(projection.lapse))(\(WonFormat.full(projection.lapse)), 예산현액의 "
                + "\(WonFormat.decimal(percent(projection.lapse, of: budget)))%). 현재 집행 \(WonFormat.full(executed)); "
                + "이월·불용 사유를 정리하거나 집행 계획을 앞당기세요."
        }
    }

    /// The Korean name of an amount a source states.
    static func label(_ field: SubtotalMismatch.Field) -> String {
        switch field {
        case .executed: "집행액"
        case .budget: "예산현액"
        case .committed: "지출원인행위액"
        }
    }

    /// The mark of an acknowledged finding: the task force's reason, its date, and whether it still alerts.
    public static func note(_ state: Finding.AckState) -> String {
        switch state {
        case let .muted(ack):
            "[확인됨 #\(ack.id): \(ack.reason) · \(ack.until)까지 알림 보류(\(ack.week) 확인)]"
        case let .severityRose(ack):
            "[확인됨 #\(ack.id): \(ack.reason) · \(label(ack.severity))에서 \(ack.week) 확인했으나 위험도가 올라 다시 알림]"
        }
    }

    /// An amount with its sign: `+12,500,000원`, `-12,500,000원`.
    static func signed(_ amount: Won) -> String {
        (amount > 0 ? "+" : "") + WonFormat.full(amount)
    }
}
