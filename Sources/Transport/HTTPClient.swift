import CCurl
import Foundation
import Logging

/// An HTTP request as spendwatch makes them: a GET of a source or a POST of a payload.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Data?

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: Data

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.last { $0.name == lower }?.value
    }
}

/// Connect and total time limits for every transfer; libcurl's own default total is "never".
public struct Timeouts: Sendable, Hashable {
    public var connectSeconds: Int
    public var totalSeconds: Int

    public init(connectSeconds: Int = 10, totalSeconds: Int = 60) {
        self.connectSeconds = connectSeconds
        self.totalSeconds = totalSeconds
    }
}

/// HTTP(S) over libcurl with TLS verification on, both timeouts set and secrets kept out of errors.
public struct HTTPClient: Sendable {
    public var timeouts: Timeouts
    public var redactor: Redactor
    public var userAgent: String

    public init(timeouts: Timeouts = Timeouts(), redactor: Redactor = Redactor(), userAgent: String = "spendwatch/1.0") {
        self.timeouts = timeouts
        self.redactor = redactor
        self.userAgent = userAgent
    }

    /// Sends `request`; returns any response with a status (2xx or not) and throws only when no answer came.
    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        let easy = try CurlEasy()
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_CONNECTTIMEOUT, timeouts.connectSeconds)
        try easy.set(CURLOPT_TIMEOUT, timeouts.totalSeconds)
        try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        try easy.set(CURLOPT_USERAGENT, userAgent)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_ACCEPT_ENCODING, "")
        var headers = request.headers.map { "\($0.name): \($0.value)" }
        if let body = request.body {
            try easy.set(CURLOPT_POST, 1)
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, body.count)
            try easy.setUpload(body)
            // libcurl would otherwise send "Expect: 100-continue" for large bodies and wait for it.
            headers.append("Expect:")
        }
        if request.method != "GET" && request.method != "POST" {
            try easy.set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        try easy.set(CURLOPT_HTTPHEADER, list: headers)

        let (code, message) = easy.perform()
        guard code == CURLE_OK else {
            throw .transfer(url: redactor.redact(request.url), code: Int(code.rawValue),
                            reason: Self.explain(code, message), isTimeout: code == CURLE_OPERATION_TIMEDOUT)
        }
        return HTTPResponse(status: easy.responseCode, headers: easy.responseHeaders.map { (name: $0.0, value: $0.1) }, body: easy.body)
    }

    /// Sends `request` and insists on a 2xx answer.
    public func fetch(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        let response = try send(request)
        guard (200..<300).contains(response.status) else {
            let body = redactor.excerpt(response.body)
            throw .status(url: redactor.redact(request.url), status: response.status, body: body,
                          retryAfterSeconds: response.header("retry-after").flatMap { Int($0) })
        }
        return response
    }

    static func explain(_ code: CURLcode, _ message: String) -> String {
        switch code {
        case CURLE_COULDNT_CONNECT: "connection refused or unreachable (\(message))"
        case CURLE_OPERATION_TIMEDOUT: "timed out (\(message))"
        case CURLE_COULDNT_RESOLVE_HOST: "host name not found (\(message))"
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR: "TLS failed (\(message))"
        default: message
        }
    }
}
