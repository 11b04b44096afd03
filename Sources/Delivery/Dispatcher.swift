import Foundation
import Synchronization
import Ledger
import Logging
import Transport

/// Sends what the outbox holds, with retries; records every attempt, success, refusal and error in the ledger.
public struct Dispatcher: Sendable {
    /// What a dispatch came to.
    public struct Summary: Sendable, Equatable {
        public var sent: [String] = []
        public var failed: [String] = []
        public var pending: [String] = []

        public init() {}
    }

    public let ledger: Ledger
    public let channels: [Channel]
    public var transport: DeliveryTransport
    public var policy: RetryPolicy
    public var clock: DeliveryClock
    public var logger: Logger

    public init(ledger: Ledger, channels: [Channel], transport: DeliveryTransport, policy: RetryPolicy = RetryPolicy(),
                clock: DeliveryClock = DeliveryClock(), logger: Logger) {
        self.ledger = ledger
        self.channels = channels
        self.transport = transport
        self.policy = policy
        self.clock = clock
        self.logger = logger
    }

    /// Sends every pending delivery of the ledger: each channel's oldest first, the channels side by side, so
    /// a hook that never answers holds only its own deliveries. One whose server asked, by Retry-After, not to
    /// be called again before a later time stays pending untouched until then; so does whatever has not
    /// started when the run's delivery time (`policy.runBudget`) is spent.
    public func dispatchPending() throws(LedgerError) -> Summary {
        let records = try ledger.pendingDeliveries()
        var queues: [(channel: String, records: [DeliveryRecord])] = []
        for record in records {
            if let i = queues.firstIndex(where: { $0.channel == record.channel }) { queues[i].records.append(record) } else {
                queues.append((record.channel, [record]))
            }
        }
        let deadline = clock.now().addingTimeInterval(Self.seconds(policy.runBudget))
        let results = Mutex<[(Int, Result<Summary, LedgerError>)]>([])
        let group = DispatchGroup()
        for (index, queue) in queues.enumerated() {
            group.enter()
            let dispatcher = self
            let thread = Thread {
                defer { group.leave() }
                let result = Result { () throws(LedgerError) -> Summary in try dispatcher.dispatch(queue.records, deadline: deadline) }
                results.withLock { $0.append((index, result)) }
            }
            thread.name = "deliver \(queue.channel)"
            thread.start()
        }
        group.wait()
        var summary = Summary()
        for (_, result) in results.withLock({ $0 }).sorted(by: { $0.0 < $1.0 }) {
            let part = try result.get()
            summary.sent += part.sent
            summary.failed += part.failed
            summary.pending += part.pending
        }
        return summary
    }

    /// One channel's deliveries, in order.
    func dispatch(_ records: [DeliveryRecord], deadline: Date) throws(LedgerError) -> Summary {
        var summary = Summary()
        for record in records {
            // Asked to stop: what is not started stays pending, with its key, for the next run.
            if StopRequest.current != nil {
                summary.pending.append(record.id)
                continue
            }
            if clock.now() >= deadline {
                summary.pending.append(record.id)
                logger.warning("\(record.channel): the run's delivery time (\(Int(Self.seconds(policy.runBudget))) s) is spent; left pending for the next run",
                               metadata: ["channel": "\(record.channel)", "week": "\(record.week)", "key": "\(record.id)"])
                continue
            }
            if let notBefore = record.nextAttemptAt.flatMap(clock.date), notBefore > clock.now() {
                summary.pending.append(record.id)
                logger.warning("\(record.channel): the server asked not to be called before \(record.nextAttemptAt ?? ""); left pending",
                               metadata: ["channel": "\(record.channel)", "week": "\(record.week)", "key": "\(record.id)"])
                continue
            }
            switch try dispatch(record, deadline: deadline) {
            case .sent: summary.sent.append(record.id)
            case .failed: summary.failed.append(record.id)
            case .pending: summary.pending.append(record.id)
            case .superseded: break
            }
        }
        return summary
    }

    /// Attempts one delivery up to `policy.maxAttempts` times; returns the status it is left in.
    public func dispatch(_ record: DeliveryRecord, deadline: Date = .distantFuture) throws(LedgerError) -> DeliveryStatus {
        let meta: Logger.Metadata = ["channel": "\(record.channel)", "week": "\(record.week)", "key": "\(record.id)"]
        guard let channel = channels.first(where: { $0.name == record.channel }) else {
            let reason = "channel '\(record.channel)' is no longer in the config; rerun the week with --force to send it elsewhere"
            try ledger.markDeliveryFailed(id: record.id, error: reason, responseStatus: nil, now: clock.stamp(clock.now()))
            logger.error("\(reason)", metadata: meta)
            return .failed
        }
        var attempt = 0
        while true {
            if attempt > 0, StopRequest.current != nil || clock.now() >= deadline {
                let why = StopRequest.current != nil ? "stopping on a signal" : "the run's delivery time is spent"
                logger.warning("\(record.channel): \(why); left pending for the next run", metadata: meta)
                return .pending
            }
            attempt += 1
            // Counted before the transfer: a crash mid-transfer still shows as an attempt, and the row stays pending.
            try ledger.recordDeliveryAttempt(id: record.id, now: clock.stamp(clock.now()))
            let outcome = channel.send(record, via: transport, now: clock.now())
            let now = clock.now()
            switch outcome {
            case let .delivered(status):
                try ledger.markDeliverySent(id: record.id, responseStatus: status, now: clock.stamp(now))
                logger.info("delivered to \(record.channel) (\(channel.kind))", metadata: meta.merging(["attempt": .stringConvertible(attempt)]) { $1 })
                return .sent
            case let .refused(reason, status):
                let text = transport.redactor.redact(reason)
                try ledger.markDeliveryFailed(id: record.id, error: text, responseStatus: status, now: clock.stamp(now))
                logger.error("\(record.channel) refused the delivery: \(text)", metadata: meta)
                return .failed
            case let .retry(reason, status, retryAfter):
                let text = transport.redactor.redact(reason)
                var delay = attempt < policy.maxAttempts
                    ? policy.delay(afterAttempt: attempt, retryAfter: retryAfter, random: clock.random()) : nil
                // A wait that would end past the run's delivery time is not waited: the next run tries again.
                if let wait = delay, now.addingTimeInterval(Self.seconds(wait)) > deadline { delay = nil }
                guard let delay else {
                    let later = retryAfter.map { now.addingTimeInterval(Double($0)) }
                    try ledger.markDeliveryPending(id: record.id, error: text, responseStatus: status,
                                                   nextAttemptAt: later.map(clock.stamp), now: clock.stamp(now))
                    logger.warning("\(record.channel): still not delivered after \(attempt) attempt(s), left pending: \(text)",
                                   metadata: meta)
                    return .pending
                }
                let wait = Self.seconds(delay)
                // Only the server's own Retry-After binds a later run (one that starts after a crash in this sleep).
                try ledger.markDeliveryPending(id: record.id, error: text, responseStatus: status,
                                               nextAttemptAt: retryAfter.map { _ in clock.stamp(now.addingTimeInterval(wait)) },
                                               now: clock.stamp(now))
                logger.warning("\(record.channel): \(text); retrying in \(String(format: "%.1f", wait)) s", metadata: meta)
                clock.sleep(delay)
            }
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
