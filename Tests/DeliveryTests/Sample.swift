import Budget
import Config
import Delivery
import Foundation
import Testing
import Intake
import Ledger
import Logging
import Reporting
import TestSupport
import Transport

/// The Daejeon 2009 demo's reports, rendered by the real pipeline, for delivery tests.
enum Sample {
    static let generatedAt = "2009-06-29T08:00:00+09:00"

    /// The week's rendered report; `adjust` adds won to the first sub-project's figure of that week (changed content).
    static func report(week: String = "2009-W26", generatedAt: String = generatedAt, adjust: Int64 = 0) throws -> RenderedReport {
        let config = try ConfigLoader.load(path: Paths.example + "/spendwatch.yml", environment: [:])
        let plan = try PlanLoader.load(path: config.planPath)
        let data = try Data(contentsOf: URL(fileURLWithPath: config.source.location.description))
        var figures = try FiguresReader(columns: config.source.columns, format: .csv)
            .read(SourceDocument(name: "figures.csv", data: data))
        let isoWeek = try #require(ISOWeek(week))
        if adjust != 0, let i = figures.firstIndex(where: { $0.week == isoWeek }) {
            let f = figures[i]
            figures[i] = Figure(week: f.week, program: f.program, project: f.project, executed: f.executed + adjust, budget: f.budget, kpis: f.kpis)
        }
        let report = WeeklyComparison(plan: plan, thresholds: config.thresholds)
            .report(week: isoWeek, history: FigureHistory(figures), generatedAt: generatedAt)
        let templates = try TemplateSet(builtIn: Paths.root.appendingPathComponent("Templates").path, overrides: nil)
        return try RenderedReport(report, templates: templates)
    }

    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    static func webhook(_ name: String = "erp-hook", url: String, minSeverity: Severity? = nil) throws -> Channel {
        Channel(name: name, minSeverity: minSeverity,
                endpoint: WebhookChannel(url: url, signature: try #require(StandardWebhookSignature(secret: secret))))
    }

    static func ledger(_ kind: LedgerKind = .sqlite) throws -> Ledger {
        try Ledger(url: try kind.freshURL())
    }

    static let logger = Logger(label: "delivery-tests")
}

/// A recorder for the dispatcher's sleeps: nothing waits, every duration is kept.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var durations: [Duration] = []

    private var offset: TimeInterval = 0

    var slept: [Duration] { lock.withLock { durations } }

    /// Moves the clock's `now` on, as if that much time had passed between two runs.
    func advance(_ seconds: TimeInterval) { lock.withLock { offset += seconds } }

    var clock: DeliveryClock {
        DeliveryClock(now: { Date().addingTimeInterval(self.lock.withLock { self.offset }) },
                      sleep: { d in self.lock.withLock { self.durations.append(d) } }, random: { 0.999_999 })
    }
}

