/// How a figures source is written (`source.format`).
public enum SourceFormat: String, Sendable, CaseIterable {
    case csv
    case json
    /// An Excel workbook (Office Open XML), read streamed: one sheet, chosen by `source.sheet`.
    case xlsx
}
