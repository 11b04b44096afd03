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

    /// The SHA-256 of `body` with every occurrence of the volatile values left out, hashed as the bytes go
    /// by: a national report.json is 23 MB, and decoding it to a String to replace them cost 2 s a run.
    static func digest(of body: Data, ignoring volatile: [String]) -> String {
        let patterns = volatile.filter { !$0.isEmpty }.map { Array($0.utf8) }
        var hash = SHA256()
        body.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var kept = 0
            var index = 0
            while index < bytes.count {
                guard let pattern = patterns.first(where: { Self.occurs($0, in: bytes, at: index) }) else {
                    index += 1
                    continue
                }
                hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[kept..<index]))
                index += pattern.count
                kept = index
            }
            hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[kept...]))
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    private static func occurs(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard bytes[index] == pattern[0], bytes.count - index >= pattern.count else { return false }
        for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
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
