import Crypto
import Foundation
import Reporting

/// The bytes one channel receives for one week, with the digest that decides whether content changed.
public struct DeliveryPayload: Sendable, Equatable {
    public let body: Data
    public let contentType: String
    /// SHA-256 (hex) of the body with volatile text (the report's `generated_at`) removed: reruns of an
    /// unchanged week give the same digest, changed figures a new one.
    public let digest: String

    public init(body: Data, contentType: String, volatile: [String]) {
        self.body = body
        self.contentType = contentType
        digest = Self.digest(of: body, ignoring: volatile)
    }

    static func digest(of body: Data, ignoring volatile: [String]) -> String {
        var text = String(decoding: body, as: UTF8.self)
        for value in volatile where !value.isEmpty { text = text.replacingOccurrences(of: value, with: "") }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The generic JSON: `report.json` with the report's Markdown added as one more field, `markdown`.
    ///
    /// The report's own bytes are kept as they are (not re-encoded), so the body is report.json plus a field.
    static func reportJSON(_ report: RenderedReport) -> Data {
        let json = String(decoding: report.json, as: UTF8.self)
        guard let close = json.lastIndex(of: "}") else { return report.json }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let markdown = String(decoding: (try? encoder.encode(report.markdown)) ?? Data("\"\"".utf8), as: UTF8.self)
        var head = json[..<close]
        while let last = head.last, last.isWhitespace { head.removeLast() }
        let separator = head.hasSuffix("{") ? "" : ","
        return Data((String(head) + separator + "\n  \"markdown\" : " + markdown + "\n}" + String(json[json.index(after: close)...])).utf8)
    }
}
