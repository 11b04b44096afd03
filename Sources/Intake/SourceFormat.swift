/// How a figures source is written (`source.format`).
public enum SourceFormat: String, Sendable, CaseIterable {
    case csv
    case json
}
