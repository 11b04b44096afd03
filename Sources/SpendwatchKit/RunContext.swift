import Foundation
import Logging
import Transport

/// What a command gets from outside: environment, clock and logger. Tests build their own.
public struct RunContext: Sendable {
    public var environment: [String: String]
    public var now: @Sendable () -> Date
    public var logger: Logger
    public var timeouts: Timeouts
    /// Told every secret the run learns (tokens, passwords, signing keys) before anything is logged, so the
    /// log handler can redact them; the executable wires it to its handler.
    public var learnSecrets: @Sendable ([String]) -> Void

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                now: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "spendwatch"),
                timeouts: Timeouts = Timeouts(),
                learnSecrets: @escaping @Sendable ([String]) -> Void = { _ in }) {
        self.environment = environment
        self.now = now
        self.logger = logger
        self.timeouts = timeouts
        self.learnSecrets = learnSecrets
    }
}
