import Foundation

/// Removes secrets from text before it reaches a log, a report or an error message.
public struct Redactor: Sendable {
    public let secrets: [String]

    public init(secrets: [String] = []) {
        // Longest first, so a secret that contains another is removed whole.
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var out = text
        for secret in secrets { out = out.replacingOccurrences(of: secret, with: "***") }
        return Self.redactURLCredentials(out)
    }

    /// Hides `user:password@` and the values of query parameters that look like credentials.
    static func redactURLCredentials(_ text: String) -> String {
        var out = text
        if let scheme = out.range(of: "://"), let at = out[scheme.upperBound...].firstIndex(of: "@"),
           !out[scheme.upperBound..<at].contains("/") {
            out.replaceSubrange(scheme.upperBound..<at, with: "***")
        }
        for key in ["token", "access_token", "key", "apikey", "api_key", "secret", "sig", "signature", "password", "code"] {
            var search = out.startIndex
            while let r = out.range(of: key + "=", options: [.caseInsensitive], range: search..<out.endIndex) {
                let before = r.lowerBound == out.startIndex ? "?" : out[out.index(before: r.lowerBound)]
                guard before == "?" || before == "&" else { search = r.upperBound; continue }
                let end = out[r.upperBound...].firstIndex { $0 == "&" || $0 == " " || $0 == "#" || $0 == "\"" } ?? out.endIndex
                out.replaceSubrange(r.upperBound..<end, with: "***")
                search = out.index(r.upperBound, offsetBy: 3, limitedBy: out.endIndex) ?? out.endIndex
            }
        }
        return out
    }
}
