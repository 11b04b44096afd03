/// One thing wrong in a configuration or plan file, located as precisely as the file allows.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let field: String
    public let message: String

    public init(file: String, line: Int?, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(field): \(message)"
    }
}

/// Errors reading `spendwatch.yml` or `plan.yml`; all map to exit 78.
public enum ConfigError: Error, Sendable, CustomStringConvertible {
    case fileMissing(path: String, role: String)
    case unreadable(path: String, reason: String)
    case problems([ConfigProblem])

    public var description: String {
        switch self {
        case let .fileMissing(path, role):
            "\(role) not found: \(path). Pass --config FILE or set SPENDWATCH_CONFIG."
        case let .unreadable(path, reason):
            "cannot read \(path): \(reason)"
        case let .problems(list):
            list.count == 1 ? list[0].description
                : "\(list.count) problems:\n" + list.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}
