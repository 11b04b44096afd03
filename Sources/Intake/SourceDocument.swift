import Crypto
import Foundation
import Transport

/// The raw bytes of a figures source as fetched, with what identifies this version of it.
public struct SourceDocument: Sendable {
    /// The file path or the redacted URL, for messages.
    public let name: String
    public let data: Data
    public let etag: String?
    public let lastModified: String?
    /// The server answered 304 to a conditional GET: `data` is empty and the body is the one the validators name.
    public let notModified: Bool

    public init(name: String, data: Data, etag: String? = nil, lastModified: String? = nil, notModified: Bool = false) {
        self.name = name
        self.data = data
        self.etag = etag
        self.lastModified = lastModified
        self.notModified = notModified
    }
}

/// Fetches a source from a file or an http(s) URL through libcurl.
public struct SourceFetcher: Sendable {
    public let client: HTTPClient

    public init(client: HTTPClient) { self.client = client }

    /// Fetches `location` without validators.
    public func fetch(_ location: SourceLocation, headers: [(name: String, value: String)]) throws(IntakeError) -> SourceDocument {
        try fetch(location, headers: headers, ifNoneMatch: nil, ifModifiedSince: nil)
    }

    /// Fetches an http(s) URL without validators.
    public func fetch(url: String, headers: [(name: String, value: String)]) throws(IntakeError) -> SourceDocument {
        try fetch(.http(url: url), headers: headers)
    }

    /// Fetches `location`; over HTTP with `If-None-Match` / `If-Modified-Since` when validators are given,
    /// so a server that supports them answers 304 (`notModified`) instead of sending the same body again.
    public func fetch(_ location: SourceLocation, headers: [(name: String, value: String)], ifNoneMatch: String?,
                      ifModifiedSince: String?) throws(IntakeError) -> SourceDocument {
        switch location {
        case let .file(path): try read(path: path)
        case let .http(url): try fetch(url: url, headers: headers, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince)
        }
    }

    private func read(path: String) throws(IntakeError) -> SourceDocument {
        var isFolder: ObjCBool = false
        // A folder where the figures file should be is the file missing, not bad data in it.
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw .missing(source: path)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw .badData(source: path, line: 1, column: nil, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let before = FileIdentity.of(descriptor: fd)
        let data: Data
        do {
            data = try FileHandle(fileDescriptor: fd, closeOnDealloc: false).readToEnd() ?? Data()
        } catch {
            throw .badData(source: path, line: 1, column: nil, message: "cannot be read: \((error as NSError).localizedDescription)")
        }
        try FileIdentity.checkUnchanged(before, fd: fd, path: path, bytesRead: data.count)
        if before?.modifiedRecently() ?? true {
            guard try FileIdentity.digest(fd: fd, path: path) == SHA256.hash(data: data) else { throw .changedWhileRead(source: path) }
            try FileIdentity.checkUnchanged(before, fd: fd, path: path, bytesRead: data.count)
        }
        return SourceDocument(name: path, data: data)
    }

    private func fetch(url: String, headers: [(name: String, value: String)], ifNoneMatch: String?,
                       ifModifiedSince: String?) throws(IntakeError) -> SourceDocument {
        var headers = headers
        if let ifNoneMatch { headers.append((name: "If-None-Match", value: ifNoneMatch)) }
        if let ifModifiedSince { headers.append((name: "If-Modified-Since", value: ifModifiedSince)) }
        do throws(TransportError) {
            let response = try client.send(HTTPRequest(url: url, headers: headers))
            if response.status == 304, ifNoneMatch != nil || ifModifiedSince != nil {
                return SourceDocument(name: client.redactor.redact(url), data: Data(), etag: response.header("etag") ?? ifNoneMatch,
                                      lastModified: response.header("last-modified") ?? ifModifiedSince, notModified: true)
            }
            guard (200..<300).contains(response.status) else {
                let body = client.redactor.excerpt(response.body)
                throw TransportError.status(url: client.redactor.redact(url), status: response.status, body: body,
                                            retryAfterSeconds: response.header("retry-after").flatMap { Int($0) })
            }
            return SourceDocument(name: client.redactor.redact(url), data: response.body,
                                  etag: response.header("etag"), lastModified: response.header("last-modified"))
        } catch {
            throw .unreachable(error)
        }
    }
}
