import Foundation
import Transport

/// How often and how long to retry a delivery within one run; what still fails is left pending for the next.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts per delivery per run, the first included.
    public var maxAttempts: Int
    /// The backoff ceiling of the first retry; it doubles with every further attempt.
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A Retry-After longer than this is not waited out: the delivery stays pending until then.
    public var maxRetryAfter: Duration
    /// How long one run's delivery may take in all; what has not started by then stays pending. Transfers
    /// have their own timeouts, so a run ends within this plus one transfer's.
    public var runBudget: Duration

    public init(maxAttempts: Int = 4, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
                maxRetryAfter: Duration = .seconds(120), runBudget: Duration = .seconds(300)) {
        self.runBudget = runBudget
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait before attempt `attempt + 1`: the server's Retry-After when it gave one, else exponential backoff
    /// with full jitter (`random` in 0..<1 times the doubled ceiling). Nil when the server asks for longer than
    /// `maxRetryAfter`.
    public func delay(afterAttempt attempt: Int, retryAfter: Int?, random: Double) -> Duration? {
        if let retryAfter {
            let wait = Duration.seconds(retryAfter)
            return wait <= maxRetryAfter ? wait : nil
        }
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        return ceiling * min(max(random, 0), 1)
    }
}

/// Time and chance as the dispatcher sees them; tests replace all three.
public struct DeliveryClock: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) -> Void
    /// A number in 0..<1, for jitter.
    public var random: @Sendable () -> Double

    public init(now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) -> Void = { duration in
                    // In slices, so a SIGTERM during a backoff is heard within a tenth of a second.
                    let (seconds, attoseconds) = duration.components
                    let until = Date().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
                    while StopRequest.current == nil, Date() < until {
                        Thread.sleep(forTimeInterval: min(0.1, max(0, until.timeIntervalSinceNow)))
                    }
                },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// ISO 8601 in UTC, as the ledger stores times.
    public func stamp(_ date: Date) -> String {
        Self.formatter().string(from: date)
    }

    /// A time the ledger stored with `stamp`; nil for anything else.
    public func date(_ stamp: String) -> Date? {
        Self.formatter().date(from: stamp)
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
