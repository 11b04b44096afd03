import Foundation
import Transport

/// What one attempt to hand a delivery to its channel came to.
public enum AttemptOutcome: Sendable, Equatable {
    /// Accepted (HTTP 2xx, SMTP 250, file written).
    case delivered(status: Int?)
    /// Worth trying again: no connection, a timeout, 408, 429, 5xx, an SMTP 4xx; `retryAfter` in seconds when the server said.
    case retry(reason: String, status: Int?, retryAfter: Int?)
    /// Refused for good: another 4xx (with the response body), an SMTP 5xx, a payload the channel cannot take.
    case refused(reason: String, status: Int?)

    /// The outcome of an HTTP POST: 2xx delivered; 408, 429 and 5xx retried (Retry-After honoured); other statuses refused.
    static func of(_ response: HTTPResponse, redactor: Redactor, now: Date) -> AttemptOutcome {
        let status = response.status
        if (200..<300).contains(status) { return .delivered(status: status) }
        let body = redactor.excerpt(response.body)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = "HTTP \(status)" + (body.isEmpty ? "" : ": \(body)")
        if status == 408 || status == 429 || (500..<600).contains(status) {
            return .retry(reason: reason, status: status, retryAfter: response.header("retry-after").flatMap { retryAfterSeconds($0, now: now) })
        }
        return .refused(reason: reason, status: status)
    }

    /// The outcome of a transfer that got no HTTP answer: a setup error is ours and final; the rest may pass.
    static func of(_ error: TransportError) -> AttemptOutcome {
        switch error {
        case .setup: .refused(reason: error.description, status: nil)
        case .transfer where error.isPermanent: .refused(reason: error.description, status: nil)
        case .transfer: .retry(reason: error.description, status: nil, retryAfter: nil)
        case let .status(_, status, _, retryAfter): .retry(reason: error.description, status: status, retryAfter: retryAfter)
        }
    }

    /// Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
    static func retryAfterSeconds(_ value: String, now: Date) -> Int? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, Int(date.timeIntervalSince(now).rounded(.up)))
    }
}
