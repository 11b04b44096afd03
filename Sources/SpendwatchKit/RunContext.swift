import Foundation
import Logging
import Transport

/// What a command gets from outside: environment, clock and logger. Tests build their own.
public struct RunContext: Sendable {
    public var environment: [String: String]
    public var now: @Sendable () -> Date
    public var logger: Logger
    public var timeouts: Timeouts

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                now: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "spendwatch"),
                timeouts: Timeouts = Timeouts()) {
        self.environment = environment
        self.now = now
        self.logger = logger
        self.timeouts = timeouts
    }
}
