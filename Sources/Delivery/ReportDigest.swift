import Budget
import Foundation
import Reporting

/// The short view of a report that chat channels show: headline, programmes and findings, worst first.
struct ReportDigest: Sendable {
    struct Line: Sendable {
        let severity: Severity
        let label: String
        let text: String
    }

    let week: String
    let asOf: String
    let headline: String
    let programs: [String]
    let findings: [Line]

    init(_ document: ReportDocument) {
        week = document.week
        asOf = document.asOf
        let t = document.total
        headline = "집행률 \(Self.percent(t.executedPercent)) (목표 \(Self.percent(t.targetPercent)), 격차 \(Self.pp(t.gapPp))) · "
            + "집행 \(WonFormat.eok(t.executed)) / 예산 \(WonFormat.eok(t.budget)) · 상태 \(Self.status(t.status))"
        programs = document.programs
            .sorted { ($0.row.gapPp, $1.row.id) > ($1.row.gapPp, $0.row.id) }
            .map { p in
                "\(p.row.name) (\(p.row.id)): \(Self.percent(p.row.executedPercent)) / 목표 \(Self.percent(p.row.targetPercent)), "
                    + "부족액 \(WonFormat.eok(p.row.shortfall)) · \(Self.status(p.row.status))"
            }
        // Worst first: critical before warning before info; within a severity the report's own order.
        findings = document.findings.enumerated()
            .map { (index: $0.offset, severity: Severity(rawValue: $0.element.severity) ?? .info, entry: $0.element) }
            .sorted { ($0.severity, $1.index) > ($1.severity, $0.index) }
            .map { item in
                Line(severity: item.severity,
                     label: "\(Vocabulary.label(item.severity)) · "
                        + [Vocabulary.label(kind: item.entry.kind), item.entry.project ?? item.entry.program].compactMap { $0 }.joined(separator: " "),
                     text: item.entry.message)
            }
    }

    var title: String { "spendwatch \(week) 조기집행 점검 (기준일 \(asOf))" }

    var worstSeverity: Severity? { findings.first?.severity }

    /// "발견 사항 5건: 위험 2, 주의 3", and how many of them the message leaves to the full report.
    func footer(hidden: Int) -> String {
        Vocabulary.findingsSummary(Dictionary(grouping: findings, by: \.severity).mapValues(\.count), hidden: hidden)
    }

    static func percent(_ value: Double) -> String { WonFormat.decimal(value, places: 1) + "%" }
    static func pp(_ value: Double) -> String { WonFormat.decimal(value, places: 1) + "pp" }
    static func status(_ raw: String) -> String { Vocabulary.label(status: raw) }
}
