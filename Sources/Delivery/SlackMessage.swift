import Budget
import Foundation
import Reporting

/// A Slack incoming-webhook message for a week: Block Kit sections in mrkdwn, within Slack's limits.
///
/// Slack's documented limits: a message's `text` is truncated beyond 40,000 characters, a message holds at
/// most 50 blocks, a section's text at most 3,000 characters. Slack also rejects block sets whose total is far
/// below 40,000 (`msg_blocks_too_long`, seen near 13,000), so the blocks stay within `blockBudget` in all.
/// A long report is summarised: findings worst first, then a line saying how many more the full report holds.
public struct SlackMessage: Sendable {
    public static let textLimit = 40_000
    public static let blockLimit = 50
    public static let sectionLimit = 3_000
    public static let headerLimit = 150
    public static let blockBudget = 12_000

    public let json: JSONValue

    public init(_ document: ReportDocument) {
        let digest = ReportDigest(document)
        var blocks: [JSONValue] = []
        var used = 0
        func add(_ block: JSONValue, _ length: Int) {
            blocks.append(block)
            used += length
        }
        let header = Self.clipped(digest.title, to: Self.headerLimit, escape: false)
        add(["type": "header", "text": ["type": "plain_text", "text": .string(header), "emoji": true]], header.utf16.count)
        let summary = Self.clipped(digest.headline, to: Self.sectionLimit)
        add(Self.section(summary), summary.utf16.count)
        if !digest.programs.isEmpty {
            let text = Self.clipped(digest.programs.map { "• " + $0 }.joined(separator: "\n"), to: Self.sectionLimit)
            add(Self.section(text), text.utf16.count)
        }

        // Findings, packed into sections; one block is kept back for the "more" line.
        let lines = digest.findings.map { line in
            Self.clipped("\(Self.icon(line.severity)) *\(line.label)* — \(line.text)", to: Self.sectionLimit)
        }
        var shown = 0
        var current: [String] = []
        var currentLength = 0
        func flush() {
            guard !current.isEmpty else { return }
            let text = current.joined(separator: "\n")
            add(Self.section(text), text.utf16.count)
            current = []
            currentLength = 0
        }
        let reserve = 300
        for line in lines {
            let n = line.utf16.count
            if !current.isEmpty, currentLength + 1 + n > Self.sectionLimit { flush() }
            let separator = current.isEmpty ? 0 : 1
            let newBlocks = (current.isEmpty ? 1 : 0) + 1  // this section, if new, and the footer
            guard blocks.count + newBlocks <= Self.blockLimit,
                  used + currentLength + separator + n + reserve <= Self.blockBudget else { break }
            current.append(line)
            currentLength += separator + n
            shown += 1
        }
        flush()
        let hidden = lines.count - shown
        let footer = digest.footer(hidden: hidden)
        add(["type": "context", "elements": [["type": "mrkdwn", "text": .string(Self.escape(footer))]]], footer.utf16.count)

        let fallback = Self.clipped(digest.title + " — " + digest.headline, to: Self.textLimit)
        json = ["text": .string(fallback), "blocks": .array(blocks)]
    }

    public var body: Data { json.encoded() }

    /// Escapes the three characters mrkdwn treats as control characters.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        // One line each, without bidirectional controls: a name's line break must not forge a line of figures.
        for c in OutputText.line(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    /// `text` escaped (unless `escape` is false) and cut to at most `limit` UTF-16 units, only between characters
    /// (grapheme clusters), never inside an escape, with "…" marking a cut.
    public static func clipped(_ text: String, to limit: Int, escape: Bool = true) -> String {
        let pieces = text.map { c -> String in escape ? Self.escape(String(c)) : String(c) }
        let total = pieces.reduce(0) { $0 + $1.utf16.count }
        if total <= limit { return pieces.joined() }
        var out = ""
        var length = 0
        for piece in pieces {
            let n = piece.utf16.count
            if length + n > limit - 1 { break }
            out += piece
            length += n
        }
        return out + "…"
    }

    static func section(_ text: String) -> JSONValue {
        ["type": "section", "text": ["type": "mrkdwn", "text": .string(text)]]
    }

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .critical: ":red_circle:"
        case .warning: ":large_orange_circle:"
        case .info: ":white_circle:"
        }
    }
}
