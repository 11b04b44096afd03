import Crypto
import Foundation

/// Signing per the Standard Webhooks spec: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`.
public struct StandardWebhookSignature: Sendable {
    /// The raw key; kept as bytes because swift-crypto's `SymmetricKey` is not `Sendable`.
    let key: Data

    /// `secret` is `whsec_` followed by the base64 key, as the spec's libraries take it; the prefix may be left off.
    public init?(secret: String) {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst("whsec_".count)) : secret
        guard let bytes = Data(base64Encoded: encoded), bytes.count >= 16 else { return nil }
        key = bytes
    }

    /// The `webhook-signature` header value for a message.
    public func sign(id: String, timestamp: Int, body: Data) -> String {
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The three Standard Webhooks headers.
    public func headers(id: String, timestamp: Int, body: Data) -> [(name: String, value: String)] {
        [("webhook-id", id), ("webhook-timestamp", String(timestamp)), ("webhook-signature", sign(id: id, timestamp: timestamp, body: body))]
    }
}
