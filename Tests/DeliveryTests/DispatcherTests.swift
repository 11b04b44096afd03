import Foundation
import Ledger
import TestSupport
import Testing
import Transport
@testable import Delivery

@Suite(.timeLimit(.minutes(3)))
struct DispatcherTests {
    let now = "2009-06-29T00:00:00Z"

    func setUp(_ sink: HTTPSink, channel: Channel? = nil, ledger kind: LedgerKind = .sqlite) throws -> (Dispatcher, SleepRecorder, DeliveryRecord) {
        let ledger = try Sample.ledger(kind)
        let channel = try channel ?? Sample.webhook(url: sink.url())
        let entry = try #require(try Outbox(ledger: ledger).enqueue(week: "2009-W26", report: try Sample.report(), channels: [channel],
                                                                   force: false, now: now, logger: Sample.logger).first)
        let recorder = SleepRecorder()
        let dispatcher = Dispatcher(ledger: ledger, channels: [channel], transport: DeliveryTransport(timeouts: Timeouts(connectSeconds: 2, totalSeconds: 5)),
                                    clock: recorder.clock, logger: Sample.logger)
        return (dispatcher, recorder, entry.record)
    }

    @Test func webhookArrivesSignedAndAnIndependentVerifierAcceptsIt() throws {
        let sink = try HTTPSink()
        let (dispatcher, _, record) = try setUp(sink)
        let summary = try dispatcher.dispatchPending()
        #expect(summary.sent == [record.id])
        let request = try #require(sink.requests.first)
        #expect(request.headers["webhook-id"] == record.id)
        #expect(request.headers["content-type"]?.hasPrefix("application/json") == true)
        // The PyPI `standardwebhooks` package verifies exactly what arrived.
        let verify = """
            import json, sys
            from standardwebhooks import Webhook
            r = json.loads(open(sys.argv[1]).readline())
            Webhook(sys.argv[2]).verify(r["body"], {k: v for k, v in r["headers"].items() if k.startswith("webhook-")})
            print("verified", json.loads(r["body"])["week"])
            """
        let result = try runProgram("/usr/bin/env", ["python3", "-c", verify, sink.record, Sample.secret])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "verified 2009-W26")
        #expect(try dispatcher.ledger.deliveries().first?.status == .sent)
    }

    @Test func serverErrorsAreRetriedWithGrowingBackoffUnderTheSameKey() throws {
        let sink = try HTTPSink(script: #"[{"status": 503}, {"status": 502}, {"status": 200}]"#)
        let (dispatcher, recorder, record) = try setUp(sink)
        #expect(try dispatcher.dispatchPending().sent == [record.id])
        #expect(sink.requests.count == 3)
        #expect(Set(sink.requests.compactMap { $0.headers["webhook-id"] }) == [record.id])
        #expect(recorder.slept.count == 2)
        #expect(recorder.slept[0] < recorder.slept[1])
        let row = try #require(try dispatcher.ledger.deliveries().first)
        #expect(row.attempts == 3)
        #expect(row.status == .sent)
    }

    @Test func retryAfterIsHonoured() throws {
        let sink = try HTTPSink(script: #"[{"status": 429, "retry_after": "7"}, {"status": 200}]"#)
        let (dispatcher, recorder, _) = try setUp(sink)
        _ = try dispatcher.dispatchPending()
        #expect(recorder.slept == [.seconds(7)])
    }

    @Test func otherClientErrorsFailAtOnceWithTheResponseBodyRecorded() throws {
        let sink = try HTTPSink(script: #"[{"status": 400, "body": "invalid_payload: blocks[3]"}]"#)
        let (dispatcher, recorder, record) = try setUp(sink)
        let summary = try dispatcher.dispatchPending()
        #expect(summary.failed == [record.id])
        #expect(sink.requests.count == 1)
        #expect(recorder.slept.isEmpty)
        let row = try #require(try dispatcher.ledger.deliveries().first)
        #expect(row.status == .failed)
        #expect(row.lastError == "HTTP 400: invalid_payload: blocks[3]")
        #expect(row.responseStatus == 400)
    }

    @Test(arguments: LedgerKind.allCases)
    func whatStillFailsStaysPendingAndGoesLaterWithTheSameKey(_ kind: LedgerKind) throws {
        let sink = try HTTPSink(script: Array(repeating: #"{"status": 503}"#, count: 4).joined(separator: ",").wrapped)
        let (dispatcher, recorder, record) = try setUp(sink, ledger: kind)
        let first = try dispatcher.dispatchPending()
        #expect(first.pending == [record.id])
        #expect(recorder.slept.count == 3)
        let row = try #require(try dispatcher.ledger.deliveries().first)
        #expect(row.status == .pending)
        #expect(row.attempts == 4)
        #expect(row.lastError?.hasPrefix("HTTP 503") == true)
        #expect(row.responseStatus == 503)

        let later = try dispatcher.dispatchPending()
        #expect(later.sent == [record.id])
        #expect(Set(sink.requests.compactMap { $0.headers["webhook-id"] }) == [record.id])
        #expect(sink.requests.count == 5)
    }

    @Test func aRetryAfterBeyondTheRunsPatienceLeavesItPendingWithoutWaiting() throws {
        let sink = try HTTPSink(script: #"[{"status": 503, "retry_after": "3600"}]"#)
        let (dispatcher, recorder, record) = try setUp(sink)
        #expect(try dispatcher.dispatchPending().pending == [record.id])
        #expect(recorder.slept.isEmpty)
        #expect(try dispatcher.ledger.deliveries().first?.nextAttemptAt != nil)
        // The next run within the hour leaves the server alone; the first one after it sends, with the same key.
        #expect(try dispatcher.dispatchPending().pending == [record.id])
        #expect(sink.requests.count == 1)
        recorder.advance(3_601)
        #expect(try dispatcher.dispatchPending().sent == [record.id])
        #expect(sink.requests.compactMap { $0.headers["webhook-id"] } == [record.id, record.id])
    }

    @Test func aRefusedConnectionIsRetriedThenLeftPending() throws {
        let sink = try HTTPSink()
        let url = sink.url()
        sink.server.stop()
        let (dispatcher, recorder, record) = try setUp(sink, channel: try Sample.webhook(url: url))
        #expect(try dispatcher.dispatchPending().pending == [record.id])
        #expect(recorder.slept.count == 3)
        #expect(try dispatcher.ledger.deliveries().first?.lastError?.contains("connection refused") == true)
    }

    @Test func aTransferThatCanNeverSucceedIsRefusedAtOnceNotLeftPendingForEver() throws {
        let sink = try HTTPSink()
        let (dispatcher, recorder, record) = try setUp(sink, channel: try Sample.webhook(url: "htps://127.0.0.1:9/hook"))
        #expect(try dispatcher.dispatchPending().failed == [record.id])
        #expect(recorder.slept.isEmpty)
        #expect(try dispatcher.ledger.deliveries().first?.status == .failed)
    }

    @Test(arguments: [(60, true), (64, true), (67, true), (7, false), (28, false), (35, false)])
    func curlResultsThatRetryingCannotFixAreFinal(_ code: Int, _ final: Bool) {
        let outcome = AttemptOutcome.of(TransportError.transfer(url: "https://x", code: code, reason: "r", isTimeout: code == 28))
        if case .refused = outcome { #expect(final) } else { #expect(!final) }
    }

    @Test func slackAndTeamsPostTheirJSON() throws {
        let sink = try HTTPSink()
        let ledger = try Sample.ledger()
        let channels = [
            Channel(name: "tft-slack", minSeverity: nil, endpoint: SlackChannel(url: sink.url("/slack"))),
            Channel(name: "tft-teams", minSeverity: nil, endpoint: TeamsChannel(url: sink.url("/teams"))),
        ]
        _ = try Outbox(ledger: ledger).enqueue(week: "2009-W26", report: try Sample.report(), channels: channels, force: false,
                                               now: "2009-06-29T00:00:00Z", logger: Sample.logger)
        let summary = try Dispatcher(ledger: ledger, channels: channels, transport: DeliveryTransport(),
                                     clock: SleepRecorder().clock, logger: Sample.logger).dispatchPending()
        #expect(summary.sent.count == 2)
        let byPath = Dictionary(uniqueKeysWithValues: sink.requests.map { ($0.path, $0.body) })
        let slackBody = try #require(byPath["/slack"])
        let slack = try #require(try JSONSerialization.jsonObject(with: Data(slackBody.utf8)) as? [String: Any])
        #expect(slack["blocks"] is [Any])
        let teamsBody = try #require(byPath["/teams"])
        let teams = try #require(try JSONSerialization.jsonObject(with: Data(teamsBody.utf8)) as? [String: Any])
        #expect(teams["type"] as? String == "message")
    }
}

extension String {
    var wrapped: String { "[" + self + "]" }

    /// A hook that never answers held every later delivery for its whole timeout and retries (about 245 s
    /// each); now channels go side by side, and the run's delivery time bounds how long it tries.
    @Test func aHookThatNeverAnswersHoldsOnlyItselfAndTheRunStopsTryingWhenItsTimeIsSpent() throws {
        let hung = try HTTPSink(script: #"[{"stall": 30}, {"stall": 30}, {"stall": 30}, {"stall": 30}]"#)
        let fine = try HTTPSink()
        let ledger = try Sample.ledger()
        let channels = [try Sample.webhook("hung-hook", url: hung.url()), try Sample.webhook("erp-hook", url: fine.url())]
        _ = try Outbox(ledger: ledger).enqueue(week: "2009-W26", report: try Sample.report(), channels: channels, force: false,
                                               now: "2009-06-29T00:00:00Z", logger: Sample.logger)
        #expect(try ledger.pendingDeliveries().map(\.channel) == ["hung-hook", "erp-hook"], "the hung hook's delivery is the older")
        let dispatcher = Dispatcher(ledger: ledger, channels: channels, transport: DeliveryTransport(timeouts: Timeouts(connectSeconds: 2, totalSeconds: 6)),
                                    policy: RetryPolicy(runBudget: .seconds(2)), logger: Sample.logger)
        let summary = try dispatcher.dispatchPending()
        #expect(summary.sent.count == 1 && summary.pending.count == 1)
        let rows = try ledger.deliveries()
        #expect(rows.first { $0.channel == "erp-hook" }?.status == .sent)
        let stuck = try #require(rows.first { $0.channel == "hung-hook" })
        #expect(stuck.status == .pending, "left for the next run, not failed")
        #expect(stuck.attempts == 1, "no retry starts once the run's delivery time is spent")
        // The other hook was not made to wait for the hung one's 6 s timeout.
        let hungAt = try #require(Self.receivedAt(hung.record)), fineAt = try #require(Self.receivedAt(fine.record))
        #expect(fineAt - hungAt < 4, "erp-hook was reached \(fineAt - hungAt) s after the hung hook")
    }

    static func receivedAt(_ record: String) -> Double? {
        guard let line = (try? String(contentsOfFile: record, encoding: .utf8))?.split(separator: "\n").first,
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        return object["t"] as? Double
    }
}
