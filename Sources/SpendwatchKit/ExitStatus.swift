import Config
import Foundation
import Intake
import Ledger
import Reporting
import Transport

/// Process exit codes (sysexits), decided here and nowhere else.
public enum ExitStatus: Int32, Sendable {
    case done = 0
    case findingsAtOrAboveThreshold = 1
    case usage = 64
    case badData = 65
    case inputMissing = 66
    case sourceUnreachable = 69
    /// An error nothing here anticipated (EX_SOFTWARE): a bug to report, not the user's data.
    case internalError = 70
    case cannotWriteOutput = 73
    /// Deliveries left pending (they go out with the next run), or another run holds the lock.
    case tryAgainLater = 75
    /// A delivery refused for good (a 4xx, a login or TLS failure): a person must fix the channel.
    case deliveryRefused = 76
    case badConfig = 78
    /// Stopped by SIGINT (Ctrl-C) at a safe point: 128 + 2, as a shell reports it.
    case interrupted = 130
    /// Stopped by SIGTERM (systemctl stop, a Kubernetes eviction) at a safe point: 128 + 15.
    case terminated = 143

    /// A run that a scheduler and a heartbeat may count as done: findings are not failures.
    public var isSuccess: Bool { self == .done || self == .findingsAtOrAboveThreshold }

    /// How a run's deliveries end it: refused beats pending, since waiting does not fix a refusal.
    public static func ofDeliveries(pending: Int, refused: Int) -> ExitStatus? {
        refused > 0 ? .deliveryRefused : pending > 0 ? .tryAgainLater : nil
    }

    /// The status for an error that ended a command.
    public static func of(_ error: any Error) -> ExitStatus {
        switch error {
        case is ConfigError, is TemplateError: .badConfig
        case let error as LedgerError:
            switch error {
            case .unreachable: .sourceUnreachable
            case .unsupported: .badConfig
            case .cannotOpen, .database, .damaged, .empty: .cannotWriteOutput
            case .busy: .tryAgainLater
            }
        case let error as RunLockError:
            switch error {
            case .held, .heldOnDatabase: .tryAgainLater
            case .unreachable: .sourceUnreachable
            case .cannotCreate: .cannotWriteOutput
            }
        case let error as IntakeError:
            switch error {
            case .missing: .inputMissing
            case .empty, .badData, .badCell: .badData
            case .unreachable: .sourceUnreachable
            case .changedWhileRead: .tryAgainLater
            }
        case let error as RunError:
            switch error {
            case .usage: .usage
            case .cannotWrite: .cannotWriteOutput
            case .badConfig: .badConfig
            case .noLedger: .inputMissing
            case let .interrupted(signal): signal == SIGINT ? .interrupted : .terminated
            }
        case let error as AcknowledgementError:
            switch error {
            case .noSuchFinding, .untilBeforeWeek, .emptyReason, .noSuchAcknowledgement, .usage: .usage
            }
        default: .internalError
        }
    }
}

/// Failures of a run that are not the config's or the source's.
public enum RunError: Error, Sendable, CustomStringConvertible {
    case usage(String)
    /// The reports could not be written; `cause` is the file system's error, kept for the log.
    case cannotWrite(path: String, cause: any Error)
    case badConfig(String)
    /// `history` found no ledger: nothing has run with this config yet.
    case noLedger(path: String)
    /// A SIGTERM or SIGINT stopped the run at a safe point.
    case interrupted(signal: Int32)

    /// Throws `.interrupted` when a signal asked the process to stop: call it at every safe point.
    static func checkStop() throws(RunError) {
        if let signal = StopRequest.current { throw .interrupted(signal: signal) }
    }

    public var description: String {
        switch self {
        case let .usage(message): message
        case let .cannotWrite(path, cause): "cannot write \(path): \((cause as NSError).localizedDescription)"
        case let .badConfig(message): message
        case let .noLedger(path): "no ledger at \(path) yet: no run has been recorded with this config"
        case let .interrupted(signal):
            "stopped by \(signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)") at a safe point; "
                + "what was not delivered stays in the outbox, and the next run reports the week again"
        }
    }
}
