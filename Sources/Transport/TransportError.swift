/// Failures of a transfer, with the URL already redacted.
public enum TransportError: Error, Sendable, CustomStringConvertible {
    /// The transfer did not complete: refused connection, DNS failure, timeout, TLS error.
    case transfer(url: String, code: Int, reason: String, isTimeout: Bool)
    /// The server answered with a status outside 2xx.
    case status(url: String, status: Int, body: String, retryAfterSeconds: Int?)
    /// The handle could not be set up (an option rejected by libcurl).
    case setup(option: String, reason: String)

    public var description: String {
        switch self {
        case let .transfer(url, _, reason, _):
            "\(url): \(reason)"
        case let .status(url, status, body, _):
            "\(url) answered HTTP \(status)" + (body.isEmpty ? "" : ": \(body.prefix(300))")
        case let .setup(option, reason):
            "libcurl rejected \(option): \(reason)"
        }
    }
}
