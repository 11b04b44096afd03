import Testing
@testable import Budget

/// The task force's decisions against the findings of a week: which ones they cover, and when they stop.
struct AcknowledgementTests {
    typealias F = ComparisonFixture

    static let until = CalendarDate(iso: "2009-03-31")!

    static func ack(_ subject: String = "P1-A", kind: Finding.Kind = .behind, week: ISOWeek = F.w11,
                    severity: Severity = .warning, id: Int64 = 1) -> Acknowledgement {
        Acknowledgement(id: id, week: week, subject: subject, kind: kind, until: until, reason: "입찰 재공고",
                        severity: severity, createdAt: "t")
    }

    /// P1-A behind at 20 pp (critical) and P1-B on track in W12; the programme behind too.
    static func report(week: ISOWeek = F.w12) -> WeekReport {
        F.report([F.figure(F.w12, "P1-A", 42_000_000), F.figure(F.w12, "P1-B", 108_000_000),
                  F.figure(F.w11, "P1-A", 42_000_000), F.figure(F.w11, "P1-B", 100_000_000)], week: week)
    }

    @Test func aCoveredFindingStaysInTheReportAndIsMuted() throws {
        let plain = Self.report()
        let marked = plain.acknowledging([Self.ack(severity: .critical)])
        #expect(marked.findings.count == plain.findings.count)
        #expect(marked.findings.map(\.kind) == plain.findings.map(\.kind))
        let finding = try #require(marked.findings.first { $0.kind == .behind && $0.project == "P1-A" })
        #expect(finding.isMuted)
        // Other findings, the programme's behind among them, are untouched.
        #expect(marked.findings.filter { $0.project != "P1-A" }.allSatisfy { $0.ackState == nil })
    }

    @Test func aFindingMoreSevereThanAcknowledgedAlertsAgain() throws {
        let marked = Self.report().acknowledging([Self.ack(severity: .warning)])
        let finding = try #require(marked.findings.first { $0.kind == .behind && $0.project == "P1-A" })
        #expect(finding.severity == .critical)
        #expect(!finding.isMuted)
        #expect(finding.ackState == .severityRose(Self.ack(severity: .warning)))
    }

    @Test(arguments: [
        ("2009-W12", "P1-A", Finding.Kind.behind, "2009-W11", true),
        ("2009-W12", "P1-A", .behind, "2009-W12", true),     // acknowledged in the week itself
        ("2009-W12", "P1-A", .behind, "2009-W13", false),    // acknowledged later: earlier weeks keep alerting
        ("2009-W12", "P1-B", .behind, "2009-W11", false),    // acknowledged for another sub-project
        ("2009-W12", "P1-A", .stalled, "2009-W11", false),   // another kind
        ("2009-W12", "P1", .behind, "2009-W11", true),       // the programme's own finding, by programme id
        ("2009-W14", "P1-A", .behind, "2009-W11", false),    // Sunday 5 April is after 31 March: expired
    ])
    func coverage(reportWeek: String, subject: String, kind: Finding.Kind, ackWeek: String, covered: Bool) throws {
        let week = try #require(ISOWeek(reportWeek))
        let ack = Self.ack(subject, kind: kind, week: try #require(ISOWeek(ackWeek)), severity: .critical)
        // The finding is always P1-A's (or the programme's) `behind`; the acknowledgement varies.
        let finding = Finding(severity: .critical, program: "P1", project: subject == "P1" ? nil : "P1-A",
                              facts: .behind(id: subject, name: "", executedPercent: 0, targetPercent: 0, shortfall: 0, next: nil))
        #expect(ack.covers(finding, in: week) == covered)
    }

    @Test func theLatestOfTwoAcknowledgementsDecides() throws {
        let older = Self.ack(severity: .critical, id: 1)
        let newer = Self.ack(severity: .warning, id: 2)
        let finding = try #require(Self.report().acknowledging([newer, older]).findings.first { $0.project == "P1-A" && $0.kind == .behind })
        #expect(finding.ackState == .severityRose(newer))
    }
}
