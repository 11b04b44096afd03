import Budget
import Foundation
import Ledger
import Reporting
import Testing
import TestSupport
@testable import SpendwatchKit

/// `owners:` on a channel: that channel's report holds only those owners' rows, totals and action list.
@Suite(.timeLimit(.minutes(2)))
struct OwnerRoutingTests {
    /// The plain-text part of a saved message, decoded by Python's `email` package (an independent MIME reader).
    static let textPart = """
        import sys
        from email import policy
        from email.parser import BytesParser
        m = BytesParser(policy=policy.default).parse(open(sys.argv[1], "rb"))
        print(str(m["subject"]))
        print(next(p for p in m.walk() if p.get_content_type() == "text/plain").get_content())
        """

    @Test func anOwnerRoutedEmailToALocalSMTPServerHoldsOnlyThatOwnersRows() throws {
        let mailbox = try TemporaryDirectory("smtp")
        let smtp = try FixtureServer("smtp_sink.py", arguments: [mailbox.path])
        let workspace = try HistoryWorkspace(channels: """
            channels:
              - { name: robot-mail, kind: email, smtp_url: "smtp://127.0.0.1:\(smtp.port)", starttls: "off",
                  from: "tft@example.org", to: ["robot@example.org"], owners: [로봇센터] }
              - { name: tft-folder, kind: file, path: out/outbox }
            """)
        let outcome = try workspace.run(26)
        #expect(outcome.pendingDeliveries == 0 && outcome.refusedDeliveries == 0)

        let result = try runProgram("/usr/bin/env", ["python3", "-c", Self.textPart, mailbox.url.appendingPathComponent("1.eml").path])
        #expect(result.status == 0, "\(result.stderr)")
        let mail = result.stdout
        // 로봇센터 owns RSI2-09 (₩42억, behind), RSI2-10 (₩18억) and ECO-15 (₩5억): its total row is ₩65억.
        #expect(mail.contains("RSI2-09"))
        #expect(mail.contains("총괄: 예산 65.0억원"))
        #expect(mail.contains("로봇센터"))
        for other in ["RSI2-01", "RSI2-13", "ECO-13", "ECO-01", "고주파센터", "바이오센터", "나노소재팀"] {
            #expect(!mail.contains(other), "\(other) is not 로봇센터's")
        }

        // The rows of the same week computed by hand from the full report: the e-mail's sums are theirs alone.
        let full = outcome.report.programs.flatMap(\.projects).filter { $0.owner == "로봇센터" }
        #expect(full.map(\.id) == ["RSI2-09", "RSI2-10", "ECO-15"])
        let executed = full.reduce(Won(0)) { $0 + $1.executed }
        #expect(mail.contains("집행 \(WonFormat.eok(executed))"))

        // The channel without `owners:` got the whole report.
        let ledger = try Ledger(path: workspace.ledger)
        let folder = try #require(try ledger.deliveries().first { $0.channel == "tft-folder" })
        let payload = String(decoding: folder.payload, as: UTF8.self)
        #expect(payload.contains("ECO-13"))
        #expect(payload.contains("RSI2-09"))
    }

    @Test func anOwnerThePlanDoesNotHaveIsAConfigError() throws {
        let workspace = try HistoryWorkspace(channels: """
            channels:
              - { name: robot-folder, kind: file, path: out/robot, owners: [로봇셴터] }
            """)
        let error = try #require(throws: (any Error).self) { try workspace.run(26) }
        #expect(ExitStatus.of(error) == .badConfig)
        #expect("\(error)".contains("channels[robot-folder].owners: '로봇셴터' owns no sub-project"))
    }

    @Test func theOwnersReportSumsTheirMoneyOnly() throws {
        let workspace = try HistoryWorkspace()
        let loaded = try LoadedConfig.load(path: workspace.config, context: HistoryWorkspace.context())
        let plan = loaded.plan.restricted(toOwners: ["로봇센터", "인력양성팀"])
        // 로봇센터: RSI2-09, RSI2-10, ECO-15; 인력양성팀: RSI2-03, -08, -11, -15 and ECO-19, -20, -21.
        #expect(plan.programs.map(\.id) == ["RSI2", "ECO"])
        #expect(plan.programs.first?.projects.map(\.id) == ["RSI2-03", "RSI2-08", "RSI2-09", "RSI2-10", "RSI2-11", "RSI2-15"])
        #expect(plan.programs.last?.projects.map(\.id) == ["ECO-15", "ECO-19", "ECO-20", "ECO-21"])
        let rsi2: Won = 4_200_000_000 + 1_800_000_000 + 800_000_000 + 750_000_000 + 650_000_000 + 600_000_000
        let eco: Won = 500_000_000 + 500_000_000 + 300_000_000 + 400_000_000
        #expect(plan.programs.map(\.budget) == [rsi2, eco])
        #expect(plan.budget == rsi2 + eco)
    }
}
