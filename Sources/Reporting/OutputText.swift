import Mustache

/// Text from the plan and the export (names, owners, unknown codes) made safe for each output it reaches:
/// it may hold Markdown, HTML, a line break that forges a heading or a line of figures, or bidirectional
/// controls that make a line read other than it is.
public enum OutputText {
    /// U+202A–202E and U+2066–2069: embeddings, overrides and isolates. U+200E/200F (marks) are harmless.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// One line: line breaks and other control characters become spaces, bidirectional controls go.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isBidiControl($0) || $0.properties.generalCategory == .control }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isBidiControl(scalar) {
            out.append(scalar.properties.generalCategory == .control ? " " : scalar)
        }
        return String(out)
    }

    /// One line of Markdown that shows as written: every character CommonMark could read as markup is
    /// backslash-escaped (links, images, emphasis, code, raw HTML, tables, headings).
    public static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in line(text) {
            if "\\`*_[]<>|!~#{}".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// HTML text and attribute values, without bidirectional controls.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where !isBidiControl(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `{{%CONTENT_TYPE: MARKDOWN}}` (report.md), `PLAINTEXT` (the e-mail's text and subject) and `HTML`:
    /// Mustache escapes every `{{value}}` for its output, so no template can forget to.
    static let registered: Void = {
        MustacheContentTypes.register(Escaper(escape: markdown), named: "MARKDOWN")
        MustacheContentTypes.register(Escaper(escape: line), named: "PLAINTEXT")
        MustacheContentTypes.register(Escaper(escape: html), named: "HTML")
    }()

    struct Escaper: MustacheContentType {
        let escape: @Sendable (String) -> String
        func escapeText(_ text: String) -> String { escape(text) }
    }
}
