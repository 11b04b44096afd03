import Budget
import Foundation
import Reporting

/// A Microsoft Teams message for a Workflows webhook: an Adaptive Card in the `message`/`attachments` envelope.
///
/// Teams rejects messages above about 28 KB, and Korean text takes three bytes a character, so the card
/// lists findings, worst first, only while the encoded body stays within `byteBudget` (and at most
/// `findingLimit` of them), and says how many more the full report holds.
public struct TeamsCard: Sendable {
    public static let findingLimit = 25
    public static let lineLimit = 500
    /// The encoded message's ceiling in bytes: Teams' 28 KB less room for the envelope.
    public static let byteBudget = 26_000

    public let json: JSONValue

    public init(_ document: ReportDocument) {
        let digest = ReportDigest(document)
        var body: [JSONValue] = [
            ["type": "TextBlock", "text": .string(OutputText.markdown(digest.title)), "size": "Large", "weight": "Bolder", "wrap": true],
            ["type": "TextBlock", "text": .string(OutputText.markdown(digest.headline)), "wrap": true],
        ]
        if !digest.programs.isEmpty {
            let programs = digest.programs.map { "- " + OutputText.markdown($0) }.joined(separator: "\r")
            body.append(["type": "TextBlock", "text": .string(SlackMessage.clipped(programs, to: Self.lineLimit * 4, escape: false)),
                         "wrap": true])
        }
        // Envelope, card fields and the footer: a generous fixed allowance.
        var used = body.reduce(1_500) { $0 + $1.encoded().count + 1 }
        var shown = 0
        for line in digest.findings.prefix(Self.findingLimit) {
            let text = SlackMessage.clipped("**\(line.label)** — \(OutputText.markdown(line.text))", to: Self.lineLimit, escape: false)
            let block: JSONValue = ["type": "TextBlock", "text": .string(text), "wrap": true, "color": .string(Self.color(line.severity))]
            let size = block.encoded().count + 1
            guard used + size <= Self.byteBudget else { break }
            body.append(block)
            used += size
            shown += 1
        }
        let footer = digest.footer(hidden: digest.findings.count - shown)
        body.append(["type": "TextBlock", "text": .string(footer), "isSubtle": true, "wrap": true, "size": "Small"])

        let card: JSONValue = [
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "msteams": ["width": "Full"],
            "body": .array(body),
        ]
        json = [
            "type": "message",
            "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": .null, "content": card]],
        ]
    }

    public var body: Data { json.encoded() }

    /// A failure notice as a card: the title in red, then the error and what to do.
    static func notice(_ notice: FailureNotice) -> Data {
        let lines = notice.text.components(separatedBy: "\n").dropFirst()
        let card: JSONValue = [
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": .array([["type": "TextBlock", "text": .string(notice.title), "weight": "Bolder", "color": "Attention", "wrap": true]]
                + lines.map { ["type": "TextBlock", "text": .string(SlackMessage.clipped($0, to: Self.lineLimit * 4, escape: false)), "wrap": true] }),
        ]
        let message: JSONValue = [
            "type": "message",
            "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": .null, "content": card]],
        ]
        return message.encoded()
    }

    static func color(_ severity: Severity) -> String {
        switch severity {
        case .critical: "Attention"
        case .warning: "Warning"
        case .info: "Default"
        }
    }
}
