import CCurl

/// Failures of a transfer, with the URL already redacted.
public enum TransportError: Error, Sendable, CustomStringConvertible {
    /// The transfer did not complete: refused connection, DNS failure, timeout, TLS error.
    case transfer(url: String, code: Int, reason: String, isTimeout: Bool)
    /// The server answered with a status outside 2xx.
    case status(url: String, status: Int, body: String, retryAfterSeconds: Int?)
    /// The handle could not be set up (an option rejected by libcurl).
    case setup(option: String, reason: String)

    /// libcurl results that the same request will meet again however often it is retried: a URL or protocol
    /// it cannot use, a certificate that fails verification, a server without the required STARTTLS, a login
    /// refused. A delivery that meets one is refused for good instead of staying pending for ever.
    static let permanentCurlCodes: Set<Int> = Set([
        CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_SSL_CERTPROBLEM, CURLE_PEER_FAILED_VERIFICATION,
        CURLE_USE_SSL_FAILED, CURLE_LOGIN_DENIED, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
        CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
    ].map { Int($0.rawValue) })

    /// True when retrying cannot help until someone changes the channel or the server.
    public var isPermanent: Bool {
        switch self {
        case let .transfer(_, code, _, _): Self.permanentCurlCodes.contains(code)
        case .setup: true
        case .status: false
        }
    }

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
