import Foundation
import Logging
import Synchronization
import Transport

/// Log lines to stderr, as text or JSON, with every known secret removed.
struct LogOutput: LogHandler {
    enum Format: String, Sendable, CaseIterable { case text, json }

    /// Secrets learnt from the config at run time; every handler redacts them.
    static let secrets = Mutex<Redactor>(Redactor())
    private static let bootstrapped = Mutex(false)

    static func remember(secrets list: [String]) {
        secrets.withLock { $0 = Redactor(secrets: $0.secrets + list) }
    }

    /// Installs the handler once per process.
    static func bootstrap(format: Format, level: Logger.Level) {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            var handler = LogOutput(label: label, format: format)
            handler.logLevel = level
            return handler
        }
    }

    let label: String
    let format: Format
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// A metadata value as JSON: counts, codes and durations as numbers, lists as arrays, text redacted.
    static func json(_ value: Logger.MetadataValue, _ redactor: Redactor) -> Any {
        switch value {
        case let .string(text): return redactor.redact(text)
        case let .stringConvertible(number as Int): return number
        case let .stringConvertible(number as Int64): return number
        case let .stringConvertible(number as Int32): return number
        case let .stringConvertible(number as Double): return number
        case let .stringConvertible(flag as Bool): return flag
        case let .stringConvertible(other): return redactor.redact(other.description)
        case let .array(items): return items.map { json($0, redactor) }
        case let .dictionary(entries): return entries.mapValues { json($0, redactor) }
        }
    }

    public func log(event: LogEvent) {
        let redactor = Self.secrets.withLock { $0 }
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let timestamp = ISO8601DateFormatter().string(from: Date())
        var line: String
        switch format {
        case .text:
            line = "\(timestamp) \(event.level) \(label): \(event.message)"
            if !merged.isEmpty {
                line += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            }
        case .json:
            // Redacted before encoding: JSON escapes a `"` or `\` in a secret, and the escaped form would slip past.
            var object: [String: Any] = ["ts": timestamp, "level": "\(event.level)", "logger": label,
                                         "msg": redactor.redact("\(event.message)")]
            for (k, v) in merged { object[k] = Self.json(v, redactor) }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        FileHandle.standardError.write(Data((redactor.redact(line) + "\n").utf8))
    }
}
