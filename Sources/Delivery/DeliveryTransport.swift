import Foundation
import Transport

/// The clients channels send through, sharing one redactor and one set of timeouts.
public struct DeliveryTransport: Sendable {
    public var http: HTTPClient
    public var smtp: SMTPClient

    public init(timeouts: Timeouts = Timeouts(), redactor: Redactor = Redactor()) {
        http = HTTPClient(timeouts: timeouts, redactor: redactor, userAgent: "spendwatch/1.0 (+delivery)")
        smtp = SMTPClient(timeouts: timeouts, redactor: redactor)
    }

    public var redactor: Redactor { http.redactor }

    /// POSTs `body` as JSON with the delivery's key as `Idempotency-Key`, and classifies the answer.
    func post(url: String, key: String, body: Data, headers: [(name: String, value: String)] = [], now: Date) -> AttemptOutcome {
        let request = HTTPRequest(method: "POST", url: url,
                                  headers: [("Content-Type", "application/json; charset=utf-8"), ("Idempotency-Key", key)] + headers,
                                  body: body)
        do {
            return .of(try http.send(request), redactor: redactor, now: now)
        } catch {
            return .of(error)
        }
    }
}
