import CCurl
import Foundation

/// One e-mail: text and HTML alternatives of the same content, UTF-8 throughout.
public struct EmailMessage: Sendable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var text: String
    public var html: String
    /// Without angle brackets; derived from the delivery's idempotency key so a duplicate is recognisable.
    public var messageID: String
    public var date: Date
    public var timeZone: TimeZone
    /// Files sent after the text and HTML (`projects.csv`); none by default.
    public var attachments: [EmailAttachment]

    public init(from: String, to: [String], subject: String, text: String, html: String, messageID: String,
                date: Date, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current, attachments: [EmailAttachment] = []) {
        self.attachments = attachments
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.timeZone = timeZone
    }

    /// The message's top-level headers as libcurl sends them.
    public var headers: [String] {
        [
            "Date: \(MailHeader.date(date, timeZone: timeZone))",
            "From: \(MailHeader.mailbox(from))",
            "To: \(to.map(MailHeader.mailbox).joined(separator: ", "))",
            "Subject: \(MailHeader.encode(subject))",
            "Message-ID: <\(messageID)>",
        ]
    }
}

/// Where and how to hand mail over: `smtps://` is implicit TLS; `smtp://` upgrades by STARTTLS per `security`.
public struct SMTPServer: Sendable {
    /// STARTTLS on an `smtp://` URL.
    public enum StartTLS: String, Sendable, CaseIterable {
        /// Refuse to send unless the server upgrades the connection.
        case required
        /// Upgrade when offered, else send in clear.
        case optional
        /// Never upgrade (a relay on localhost).
        case off
    }

    public var url: String
    public var startTLS: StartTLS
    public var username: String?
    public var password: String?

    public init(url: String, startTLS: StartTLS = .required, username: String? = nil, password: String? = nil) {
        self.url = url
        self.startTLS = startTLS
        self.username = username
        self.password = password
    }

    /// libcurl's `CURLOPT_USE_SSL` for this server; `smtps://` is TLS from the first byte whatever `startTLS` says.
    public var useSSL: Int {
        if url.lowercased().hasPrefix("smtps://") { return ccurl_usessl_all }
        switch startTLS {
        case .required: return ccurl_usessl_all
        case .optional: return ccurl_usessl_try
        case .off: return ccurl_usessl_none
        }
    }
}

/// SMTP(S) over libcurl: one multipart/alternative message per call, TLS verified, both timeouts set.
public struct SMTPClient: Sendable {
    public var timeouts: Timeouts
    public var redactor: Redactor

    public init(timeouts: Timeouts = Timeouts(), redactor: Redactor = Redactor()) {
        self.timeouts = timeouts
        self.redactor = redactor
    }

    /// Sends `message` through `server`.
    ///
    /// Throws `.transfer` when no SMTP dialogue completed and `.status` with the server's SMTP reply code
    /// (4xx: try again later, 5xx: refused) when the server turned the message down.
    public func send(_ message: EmailMessage, via server: SMTPServer) throws(TransportError) {
        let url = redactor.redact(server.url)
        let easy = try CurlEasy()
        guard let mime = curl_mime_init(easy.handle) else { throw .setup(option: "curl_mime_init", reason: "out of memory") }
        defer {
            // The handle must stop pointing at the MIME tree before the tree is freed.
            _ = ccurl_setopt_mime(easy.handle, CURLOPT_MIMEPOST, nil)
            curl_mime_free(mime)
        }
        try easy.set(CURLOPT_URL, server.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_CONNECTTIMEOUT, timeouts.connectSeconds)
        try easy.set(CURLOPT_TIMEOUT, timeouts.totalSeconds)
        try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        try easy.set(CURLOPT_USE_SSL, server.useSSL)
        if let username = server.username { try easy.set(CURLOPT_USERNAME, username) }
        if let password = server.password { try easy.set(CURLOPT_PASSWORD, password) }
        try easy.set(CURLOPT_MAIL_FROM, "<\(MailHeader.address(message.from))>")
        try easy.set(CURLOPT_MAIL_RCPT, list: message.to.map { "<\(MailHeader.address($0))>" })
        try easy.set(CURLOPT_HTTPHEADER, list: message.headers)
        try Self.build(mime, easy: easy.handle, text: message.text, html: message.html)
        for attachment in message.attachments { try Self.attach(attachment, to: mime) }
        try check(ccurl_setopt_mime(easy.handle, CURLOPT_MIMEPOST, mime), "CURLOPT_MIMEPOST")

        let (code, reason) = easy.perform()
        guard code == CURLE_OK else {
            let reply = easy.responseCode
            if reply >= 400 {
                throw .status(url: url, status: reply, body: redactor.redact(reason), retryAfterSeconds: nil)
            }
            throw .transfer(url: url, code: Int(code.rawValue), reason: redactor.redact(HTTPClient.explain(code, reason)),
                            isTimeout: code == CURLE_OPERATION_TIMEDOUT)
        }
    }

    /// The body: one `multipart/alternative` part holding the text and the HTML, both base64 so any relay passes UTF-8 intact.
    private static func build(_ mime: OpaquePointer, easy: UnsafeMutableRawPointer, text: String, html: String) throws(TransportError) {
        guard let alternatives = curl_mime_init(easy) else { throw .setup(option: "curl_mime_init", reason: "out of memory") }
        var owned = false
        defer { if !owned { curl_mime_free(alternatives) } }
        for (content, type) in [(text, "text/plain; charset=UTF-8"), (html, "text/html; charset=UTF-8")] {
            guard let part = curl_mime_addpart(alternatives) else { throw .setup(option: "curl_mime_addpart", reason: "out of memory") }
            let bytes = Array(content.utf8)
            try check(bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { curl_mime_data(part, $0.baseAddress, $0.count) }
            }, "curl_mime_data")
            try check(curl_mime_type(part, type), "curl_mime_type")
            try check(curl_mime_encoder(part, "base64"), "curl_mime_encoder")
        }
        guard let container = curl_mime_addpart(mime) else { throw .setup(option: "curl_mime_addpart", reason: "out of memory") }
        try check(curl_mime_subparts(container, alternatives), "curl_mime_subparts")
        owned = true
        try check(curl_mime_type(container, "multipart/alternative"), "curl_mime_type")
        guard let disposition = curl_slist_append(nil, "Content-Disposition: inline") else {
            throw .setup(option: "curl_slist_append", reason: "out of memory")
        }
        try check(curl_mime_headers(container, disposition, 1), "curl_mime_headers")
    }
}

extension SMTPClient {
    /// A file after the alternatives: the message becomes multipart/mixed, the file base64 with its name.
    private static func attach(_ attachment: EmailAttachment, to mime: OpaquePointer) throws(TransportError) {
        guard let part = curl_mime_addpart(mime) else { throw .setup(option: "curl_mime_addpart", reason: "out of memory") }
        try check(attachment.data.withUnsafeBytes { buffer in
            curl_mime_data(part, buffer.bindMemory(to: CChar.self).baseAddress, buffer.count)
        }, "curl_mime_data")
        try check(curl_mime_type(part, attachment.contentType), "curl_mime_type")
        try check(curl_mime_filename(part, attachment.fileName), "curl_mime_filename")
        try check(curl_mime_encoder(part, "base64"), "curl_mime_encoder")
    }
}

private func check(_ code: CURLcode, _ what: String) throws(TransportError) {
    guard code == CURLE_OK else { throw .setup(option: what, reason: String(cString: curl_easy_strerror(code))) }
}
