import Foundation

/// Removes secrets from text before it reaches a log, a report or an error message.
public struct Redactor: Sendable {
    public let secrets: [String]

    /// Every form a secret can take in what comes back: as sent, JSON-escaped, percent-encoded, base64.
    let forms: [String]

    public init(secrets: [String] = []) {
        // Longest first, so a secret that contains another is removed whole.
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        forms = Array(Set(self.secrets.flatMap(Self.encodings))).sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var out = text
        for form in forms { out = out.replacingOccurrences(of: form, with: "***") }
        return Self.redactURLCredentials(out)
    }

    /// The start of a response body for a log or an error, redacted whole before it is cut, so a secret
    /// across the cut cannot leave its first characters behind.
    public func excerpt(_ body: Data, limit: Int = 2_000) -> String {
        let redacted = redact(String(decoding: body, as: UTF8.self))
        return redacted.count > limit ? String(redacted.prefix(limit)) + "…" : redacted
    }

    /// A secret as a server may echo it: raw; JSON-escaped (`/` as `\/`, non-ASCII as `\uXXXX`);
    /// percent-encoded (upper- and lower-case hex); base64 and base64url at each of the three alignments
    /// it can have inside a longer encoded text (a Basic `user:password` header, a JWT).
    static func encodings(of secret: String) -> [String] {
        var forms = [secret]
        var json = ""
        var jsonASCII = ""
        for scalar in secret.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""; jsonASCII += "\\\""
            case "\\": json += "\\\\"; jsonASCII += "\\\\"
            case "/": json += "\\/"; jsonASCII += "\\/"
            default:
                json.unicodeScalars.append(scalar)
                if scalar.isASCII, scalar.value >= 0x20 { jsonASCII.unicodeScalars.append(scalar) } else {
                    jsonASCII += String(scalar.utf16.map { String(format: "\\u%04x", $0) }.joined())
                }
            }
        }
        // Encoders differ on `/`: some write `\/`, most leave it.
        forms += [json, jsonASCII, json.replacingOccurrences(of: "\\/", with: "/"), jsonASCII.replacingOccurrences(of: "\\/", with: "/")]
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        if let percent = secret.addingPercentEncoding(withAllowedCharacters: unreserved) {
            forms.append(percent)
            forms.append(percent.replacing(#/%[0-9A-F]{2}/#) { $0.output.lowercased() })
        }
        let bytes = Array(secret.utf8)
        for shift in 0..<3 {
            let encoded = Data(Array(repeating: 0, count: shift) + bytes).base64EncodedString()
            // Characters that depend only on the secret's own bytes: skip the group the prefix shares, stop
            // before the group that whatever follows would share.
            let start = shift > 0 ? 4 : 0
            let end = (shift + bytes.count) / 3 * 4
            guard end - start >= 8 else { continue }
            let middle = String(Array(encoded)[start..<end])
            forms.append(middle)
            forms.append(middle.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        }
        // An encoded form of under 6 characters would hit ordinary text; the raw secret is always redacted.
        return forms.filter { $0 == secret || $0.count >= 6 }
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
